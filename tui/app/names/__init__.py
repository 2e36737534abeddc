"""The names panel: people, organisations and agreements, filtered as you type.

`panel.NamesPanel` filters in a worker with the pure functions of `entities` (which also make an
entity's articles into result rows) and posts `EntityChosen`; the navigator then lists the
entity's articles in the results pane. Its filter box posts `NameFilter.Choose` (Enter) and
`NameFilter.ToList` (Down) to the panel.
"""
