"""The ``policykb`` command: the bot's subcommands (:mod:`policykb.bot.cli`) and ``eval`` (:mod:`policykb.eval.cli`).

Composed here, above both, so that the bot never imports the eval.
"""

from __future__ import annotations

import typer

from policykb.bot import cli as bot_cli
from policykb.eval.cli import eval_command

app = typer.Typer(help=bot_cli.app.info.help, no_args_is_help=True, add_completion=False)
app.callback()(bot_cli.main_options)
app.registered_commands += bot_cli.app.registered_commands
app.command("eval")(eval_command)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
