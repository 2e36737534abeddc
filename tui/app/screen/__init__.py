"""The main screen and the left column it is built of.

`main.MainScreen` composes the `navigator.Navigator` (search box, the lists, the status line) and
the article pane, binds the commands (commands/) and routes what the panes post (messages.py)
and what the app's loading worker reports (loading/). It asks the navigator, never its parts.
"""
