"""OC4IDS 0.9 open data: the campaign's projects as an Open Contracting for Infrastructure Data
Standard project package (``package``), with our categories and statuses mapped to its
codelists (``codes``). Validated in the tests against the vendored 0.9.5 schema."""
