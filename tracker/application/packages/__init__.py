"""Data packages: a district's signed-off period as signed JSON for the city, and the city's import.

``signing`` makes and checks the bytes (canonical JSON, HMAC-SHA256, the JSON Schema in
``package-schema.json``), ``content`` makes a district's package, ``city`` imports one.
"""
