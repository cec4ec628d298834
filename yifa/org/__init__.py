"""The organisation: regions (行政区划), departments, staff (编制类型), memberships and roles.

Department scoping lives here too (`scoping`, `policies`): every case-like record has a
department, users act within the departments they belong to, and the legal affairs office,
leaders and system administrators see all departments.
"""
