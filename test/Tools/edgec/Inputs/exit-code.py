# Runs a command and prints its exit code (lit's `not` only tells zero from non-zero).
import subprocess
import sys

sys.stdout.flush()
code = subprocess.call(sys.argv[1:])
print(f"exit code: {code}", flush=True)
