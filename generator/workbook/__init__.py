"""The catalog as a spreadsheet: ``phobien export`` writes it as a workbook staff edit in
Excel or LibreOffice, ``phobien import`` writes the workbook back as the YAML catalog.

``sheets`` is the layout (derived from the catalog's models), ``export`` the writing,
``reading`` the workbook read back with every problem, ``yamlwrite`` the YAML written and
``importing`` the all-or-nothing import.
"""
