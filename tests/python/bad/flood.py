import sys
line = "x" * 99
for i in range(1_000_000):  # about 100 MB
    print(line)
print("flooded: yes", file=sys.stderr)
