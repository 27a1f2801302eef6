"""Which BLAS library torch's matrix products run on.

Debian's python3-torch is built against the generic `libblas.so.3` (BLAS_INFO=generic). With only the reference
implementation installed, the attention pool's and the text tower's matrix products run about 10x slower and
training reaches about a third of its throughput; Debian's OpenBLAS (libopenblas0-pthread) takes over
`libblas.so.3` through the alternatives system as soon as it is installed.
"""

import os

import torch

OPENBLAS_PACKAGE = "libopenblas0-pthread"


def loaded_blas_libraries() -> list:
    """Paths of the BLAS shared objects mapped into this process, after one matrix product has loaded them."""
    torch.ones(8, 8) @ torch.ones(8, 8)
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    except OSError:
        return []
    return sorted(paths)


def _resolved_blas() -> list:
    return [os.path.realpath(path) for path in loaded_blas_libraries() if "libblas.so" in os.path.basename(path)]


def blas_is_optimized() -> bool:
    """Whether torch's libblas.so.3 is an optimized one (OpenBLAS, MKL), not the reference implementation."""
    resolved = _resolved_blas()
    return bool(resolved) and all("openblas" in path.lower() or "mkl" in path.lower() for path in resolved)


def describe_blas() -> str:
    """One line for the training log: the BLAS in use, and what to install when it is the reference one."""
    resolved = _resolved_blas()
    if not resolved:
        return "BLAS: unknown (no libblas.so.3 mapped, or no /proc/self/maps)"
    if blas_is_optimized():
        return "BLAS: " + ", ".join(resolved)
    return ("BLAS: the reference implementation (" + ", ".join(resolved) + "); training runs about 3x slower. "
            f"Install Debian's OpenBLAS: apt-get install -y {OPENBLAS_PACKAGE}")


def describe_convolutions() -> str:
    """Where torch's CPU convolutions run: oneDNN (mkldnn) has its own kernels and does not go through libblas.so.3."""
    mkldnn = torch.backends.mkldnn
    if mkldnn.is_available() and mkldnn.enabled:
        return "convolutions: oneDNN (mkldnn) kernels, not BLAS"
    return "convolutions: torch's own im2col + BLAS (oneDNN not available or disabled)"
