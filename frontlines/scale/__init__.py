"""Scale: the pipeline on a Dask cluster (``dask_executor``) and feeds followed around the clock (``watch``).

Both run the same stages as ``frontlines ingest`` and write to the same store; nothing here changes the stages, only
where they run. See docs/scale.md.
"""
