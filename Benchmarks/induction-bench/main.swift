// Placeholder: the benchmark runner is being written.
print("induction-bench: not written yet")
