"""``python -m cpg2pvg.ops.stack`` with the worker replaced by a bench variant.

The variant's name comes from ``CPG2PVG_BENCH_WORKER``; everything else is the real stack.
``external`` starts no worker and leaves its environment in ``worker-env.json`` in the data
dir, for a benchmark that kills and restarts the worker itself (the stack would stop).
"""

from __future__ import annotations

import json
import os
import sys

from cpg2pvg.ops import stack


class VariantStack(stack.Stack):
    def _spawn(self, name: str, cmd: list[str], env: dict[str, str]) -> None:
        if name == "worker":
            variant = os.environ["CPG2PVG_BENCH_WORKER"]
            if variant == "external":
                (self.data_dir / "worker-env.json").write_text(json.dumps(env))
                return
            cmd = [sys.executable, "-m", "bench.worker_variants", variant]
        super()._spawn(name, cmd, env)


if __name__ == "__main__":
    stack.Stack = VariantStack  # type: ignore[misc]
    sys.exit(stack.main())
