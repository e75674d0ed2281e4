"""Learning from advisors' decisions (issue #19): the decisions as records, what they say about
the pipeline (`report`), and the learned layer proposed from them."""
