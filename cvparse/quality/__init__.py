"""Measuring the engine: gold-set evaluation and calibration fitting (`evaluation/`) and the
fairness twins (`fairness/`)."""
