"""The names panel: people, organisations and agreements, filtered as you type.

`panel.NamesPanel` filters in a worker with the pure functions of `entities` (which also draw the
rows and the status lines) and posts `EntityChosen`; the navigator then lists the entity's
articles in the results pane. Its filter box posts `NameFilter.Choose` (Enter) and
`NameFilter.ToList` (Down) to the panel. `related` works out who is named with the highlighted
name once the cursor rests (`RelatedWork`), draws them in the strip under the list
(`WithStrip`) and, after `w`, in the list itself (`NamedWith`); choosing one posts
`EntityChosen(entity, other)`: the results pane lists the articles naming both.
"""
