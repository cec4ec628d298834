"""依法行政: the power, responsibility and intermediary-service lists, the approval catalogue, flowcharts."""
