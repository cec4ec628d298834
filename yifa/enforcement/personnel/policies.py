"""Who may do what with enforcement personnel records: one policy per model.

The legal affairs office (政府法制机构) manages the exam and the certificates city-wide
(国办发〔2018〕118号: 行政执法人员资格管理); a department's own staff see their department's people and
certificates and record their training; the system administrator keeps the reference tables.
"""

from __future__ import annotations

from yifa.org.models import Role
from yifa.org.policies import EVERY_ROLE, DepartmentScopedPolicy, ReferenceDataPolicy

from .models import (
    AnnualReview,
    Certificate,
    DepartmentField,
    EnforcementField,
    ExamResult,
    ExamSitting,
    TrainingRecord,
)

R = Role
OFFICE = frozenset({R.LEGAL_AFFAIRS, R.SYSTEM_ADMIN})


class FieldPolicy(ReferenceDataPolicy):
    """The list of enforcement fields (执法门类): everyone with a role reads it, the office keeps it."""

    rules = {"view": EVERY_ROLE, "add": OFFICE, "change": OFFICE, "delete": frozenset()}


class DepartmentFieldPolicy(DepartmentScopedPolicy):
    """Which fields a department enforces: set by the office, read by the department."""

    rules = {"view": EVERY_ROLE, "add": OFFICE, "change": OFFICE, "delete": OFFICE}


class SittingPolicy(ReferenceDataPolicy):
    rules = {"view": EVERY_ROLE, "add": OFFICE, "change": OFFICE, "delete": frozenset()}


class ExamResultPolicy(DepartmentScopedPolicy):
    rules = {"view": EVERY_ROLE, "add": OFFICE, "change": OFFICE, "delete": frozenset()}


class TrainingPolicy(DepartmentScopedPolicy):
    """Training records: the department's head and editors record their own staff's courses, the office any."""

    rules = {
        "view": EVERY_ROLE,
        "add": OFFICE | {R.DEPARTMENT_HEAD, R.DEPARTMENT_EDITOR},
        "change": OFFICE | {R.DEPARTMENT_HEAD, R.DEPARTMENT_EDITOR},
        "delete": frozenset(),
    }


class CertificatePolicy(DepartmentScopedPolicy):
    """Certificates: issued, renewed, suspended, revoked and cancelled by the office only; a department sees its own."""

    rules = {
        "view": EVERY_ROLE,
        "add": OFFICE,
        "change": OFFICE,
        "renew": OFFICE,
        "suspend": OFFICE,
        "revoke": OFFICE,
        "cancel": OFFICE,
        "review": OFFICE,
        "delete": frozenset(),
    }


class ReviewPolicy(DepartmentScopedPolicy):
    department_path = "certificate__department"
    rules = {"view": EVERY_ROLE, "add": OFFICE, "change": OFFICE, "delete": frozenset()}


field_policy = FieldPolicy(EnforcementField)
department_field_policy = DepartmentFieldPolicy(DepartmentField)
sitting_policy = SittingPolicy(ExamSitting)
exam_result_policy = ExamResultPolicy(ExamResult)
training_policy = TrainingPolicy(TrainingRecord)
certificate_policy = CertificatePolicy(Certificate)
review_policy = ReviewPolicy(AnnualReview)
