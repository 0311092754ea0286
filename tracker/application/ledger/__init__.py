"""The tamper-evident ledger: a hash chain over the event log, kept beside it.

- ``tables``       – ``tracker_chain`` (a link per event) and ``tracker_audits`` (verifications),
                     in a MetaData of their own: rebuilding the read models never touches them
- ``chain``        – the link of each event, the head as of a moment; every save extends the
                     chain in the events' own transaction (``Store._record``)
- ``walk``, ``verification``, ``counts`` – ``tracker audit verify``: the whole log recomputed
                     and compared with the chain, the 签发 records, the last verification's head
                     and the read models' counts
- ``records``      – the outcome of each verification, for the 审计校验 page
- ``matching``     – is this file byte-identical to an issued report or a stored attachment?
- ``audit``        – ``Audit`` (``app.audit``): what the CLI and the web ask of the ledger
"""
