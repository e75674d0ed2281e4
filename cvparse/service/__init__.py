"""The service around the reading engine: settings, the registry of ready pipelines, installed
referentials, storage, the job that turns a stored file into a stored draft, dispatch to the
workers, re-processing runs, retention, and the review of drafts into saved profiles."""
