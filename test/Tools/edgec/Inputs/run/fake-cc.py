"""A stand-in for the host C compiler that fails like one (run-c-errors.test):
prints a compiler-style error for the first .c argument and exits 1."""
import sys

src = next((a for a in sys.argv[1:] if a.endswith(".c")), "x.c")
print("In file included from somewhere:", file=sys.stderr)
print(f"{src}:3:7: error: simulated compiler failure", file=sys.stderr)
sys.exit(1)
