"""Activities that still take the positional arguments of runs started before
``typed-activity-inputs`` (workflows/patches.py).

Runs started by the previous build keep sending, until they end, the arguments they were
written with (``parse_document(guideline_id, stage)``, ``batch_page(batch_id, after,
limit)``, ...); tasks they scheduled before a deploy arrive that way too. Such an activity
is declared with its one dataclass input, and ``@accepts_positional(old_form)`` builds that
input from the old arguments as well.

Remove this module, and each ``@accepts_positional``, when ``typed-activity-inputs`` is
removed: once no run started before it is open.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from temporalio.converter import value_to_type

F = TypeVar("F", bound=Callable[..., Awaitable[Any]])


def accepts_positional(old_form: Callable[..., Any]) -> Callable[[F], F]:
    """The activity method takes its dataclass input, or the arguments ``old_form`` takes.

    The SDK decodes an activity's arguments by their types only when their number matches
    the signature's, so the method is registered as taking any arguments: one object is the
    new input (decoded here), anything else goes to ``old_form``.
    """

    def decorate(method: F) -> F:
        hints = typing.get_type_hints(method)
        input_type = next(hint for name, hint in hints.items() if name != "return")

        @functools.wraps(method)
        async def run(self: object, *args: Any) -> Any:
            if len(args) == 1 and isinstance(args[0], input_type):
                request = args[0]  # called directly, not through Temporal
            elif len(args) == 1 and isinstance(args[0], dict):
                request = value_to_type(input_type, args[0])
            else:
                request = old_form(*args)
            return await method(self, request)

        # What the SDK reads to decode arguments and results: any arguments, typed result.
        run.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            [
                inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD),
                inspect.Parameter("args", inspect.Parameter.VAR_POSITIONAL),
            ],
            return_annotation=hints.get("return", inspect.Signature.empty),
        )
        run.__annotations__ = {"return": hints["return"]} if "return" in hints else {}
        return typing.cast(F, run)

    return decorate


def decoded(hint: Any, value: Any) -> Any:
    """An old positional argument as the type it has in the new input."""
    return None if value is None else value_to_type(hint, value)
