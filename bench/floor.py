"""The floor under the app's first screen: a Textual app that draws one status line and a footer,
timed as `probes.warm_open` times newstui (pty 120x40, pyte, until 'N articles · S sources' is on
screen). What is left of newstui's first screen above it is newstui's own.

    python bench/floor.py [RUNS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from probes import READY

APP = '''
from textual.app import App
from textual.widgets import Footer, Static

class Floor(App):
    def compose(self):
        yield Static("100 articles · 3 sources")
        yield Footer()

Floor().run()
'''


def main() -> None:
    import pexpect
    import pyte

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "floor.py"
        script.write_text(APP, encoding="utf-8")
        times = []
        for _ in range(runs):
            screen = pyte.Screen(120, 40)
            stream = pyte.ByteStream(screen)
            t0 = time.perf_counter()
            child = pexpect.spawn(sys.executable, [str(script)], env={"TERM": "xterm-256color"},
                                  dimensions=(40, 120))
            while time.perf_counter() - t0 < 30:
                try:
                    stream.feed(child.read_nonblocking(65536, timeout=0.01))
                except pexpect.TIMEOUT:
                    pass
                except pexpect.EOF:
                    break
                if READY.search("\n".join(screen.display)):
                    times.append(time.perf_counter() - t0)
                    break
            child.sendcontrol("q")
            child.close(force=True)
    times.sort()
    shown = [round(t, 2) for t in times]
    print(f"a Textual app's first screen: median {times[len(times) // 2]:.2f} s, runs {shown}")


if __name__ == "__main__":
    main()
