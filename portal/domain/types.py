"""The vocabulary of the portal: kinds of feedback, procedures, states, roles and outcomes.

Values are stored in the database as these strings, so renaming a value needs a data migration.
Labels are what people read; keep them in plain English.
"""

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members carry a plain-English label for people to read."""

    label: str

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


class FeedbackKind(LabelledEnum):
    COMPLAINT = "complaint", "Complaint"
    COMMENT = "comment", "Comment"
    COMPLIMENT = "compliment", "Compliment"
    ADVOCACY_REQUEST = "advocacy_request", "Request for an advocate"
    DUTY_MATTER = "duty_matter", "Duty matter"


class Procedure(LabelledEnum):
    """Where screening sends a submission (domain.md section 3)."""

    STATUTORY = "statutory", "Statutory children's complaints procedure"
    CORPORATE = "corporate", "Corporate complaints procedure"
    COMMENT = "comment", "Comment or representation"
    COMPLIMENT = "compliment", "Compliment"
    NOT_ACCEPTED = "not_accepted", "Not accepted"
    OUTSIDE_PROCEDURES = "outside_procedures", "Outside the procedures"


class CaseState(LabelledEnum):
    RECEIVED = "received", "Received"
    SCREENING = "screening", "Screening"
    STAGE_1 = "stage_1", "Stage 1"
    MEDIATION = "mediation", "Mediation"
    STAGE_2 = "stage_2", "Stage 2"
    STAGE_3 = "stage_3", "Stage 3"
    OMBUDSMAN = "ombudsman", "Ombudsman"
    AWAITING_RESPONSE = "awaiting_response", "Awaiting a response"
    # Regulation 8 of the 2006 Regulations: waiting for concurrent proceedings to end.
    ON_HOLD = "on_hold", "On hold"
    CLOSED = "closed", "Closed"


OPEN_STATES = frozenset(state for state in CaseState if state is not CaseState.CLOSED)


class Channel(LabelledEnum):
    """How a submission reached the council ("how complaints were received")."""

    ONLINE = "online", "Online portal"
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"
    VIA_WORKER = "via_worker", "Through a worker"
    VIA_ADVOCATE = "via_advocate", "Through an advocate"
    VIA_PARTICIPATION_TEAM = "via_participation_team", "Through the Participation Team"
    PAPER_FORM = "paper_form", "Paper form"
    QR_CODE = "qr_code", "QR code"


class SubmitterRole(LabelledEnum):
    CHILD = "child", "Child or young person"
    PARENT = "parent", "Parent or person with parental responsibility"
    FOSTER_CARER = "foster_carer", "Foster carer"
    SPECIAL_GUARDIAN = "special_guardian", "Special guardian"
    RELATIVE = "relative", "Grandparent or other relative"
    ADOPTER = "adopter", "Adopter or prospective adopter"
    PROFESSIONAL = "professional", "Professional"
    ADVOCATE = "advocate", "Advocate"
    OTHER = "other", "Someone else"


class Finding(LabelledEnum):
    UPHELD = "upheld", "Upheld"
    PARTIALLY_UPHELD = "partially_upheld", "Partially upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    NO_FINDING = "no_finding", "No finding"


class Closure(LabelledEnum):
    """How a case ended (domain.md section 5)."""

    RESOLVED = "resolved", "Resolved"
    WITHDRAWN = "withdrawn", "Withdrawn"
    NOT_PURSUED = "not_pursued", "Not pursued"
    NOT_ENGAGING = "not_engaging", "Complainant not engaging"
    OUTSIDE_SCOPE = "outside_scope", "Outside scope"
    SENSITIVE = "sensitive", "Closed as a sensitive matter"
    RESOLVED_BY_MEDIATION = "resolved_by_mediation", "Resolved by mediation"
    NOT_ACCEPTED = "not_accepted", "Not accepted"
    SIGNPOSTED = "signposted", "Signposted elsewhere"


class RemedyKind(LabelledEnum):
    EXPLANATION = "explanation", "Explanation"
    APOLOGY = "apology", "Apology"
    DECISION_CHANGED = "decision_changed", "Decision changed"
    SERVICE_PROVIDED = "service_provided", "Service provided"
    FINANCIAL_PAYMENT = "financial_payment", "Financial payment"
    PRACTICE_CHANGE = "practice_change", "Practice or policy change"
    TRAINING = "training", "Training"


class AdvocacyStatus(LabelledEnum):
    OFFERED = "offered", "Offered"
    REQUESTED = "requested", "Requested"
    REFERRED = "referred", "Referred"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    ENDED = "ended", "Ended"


class StaffRole(LabelledEnum):
    COMPLAINTS_OFFICER = "complaints_officer", "Complaints officer"
    COMPLAINTS_MANAGER = "complaints_manager", "Complaints manager"
    RESPONDING_MANAGER = "responding_manager", "Responding manager"
    INVESTIGATOR = "investigator", "Investigator"
    PARTICIPATION_OFFICER = "participation_officer", "Participation officer"
    LEARNING_LEAD = "learning_lead", "Learning lead"
    REPORT_VIEWER = "report_viewer", "Report viewer"
    ADMINISTRATOR = "administrator", "Administrator"


class ThemeScope(LabelledEnum):
    """Which lists a theme belongs to: councils keep separate lists per kind of feedback."""

    COMPLAINT = "complaint", "Complaints"
    CHILDREN = "children", "Children's feedback"
    COMPLIMENT = "compliment", "Compliments"


class MessageChannel(LabelledEnum):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"


class OutboxStatus(LabelledEnum):
    PENDING = "pending", "Waiting to send"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed: stopped retrying"


class ChildStatus(LabelledEnum):
    """The child's status in the council's records, which decides eligibility for the statutory procedure
    (domain.md section 3; Children Act 1989 s26(3) and the 2006 Regulations)."""

    LOOKED_AFTER = "looked_after", "Looked after (in care)"
    IN_NEED = "in_need", "In need (including child protection)"
    CARE_LEAVER = "care_leaver", "Care leaver"
    SPECIAL_GUARDIANSHIP = "special_guardianship", "Under a special guardianship order"
    ADOPTION = "adoption", "Adopted or may be adopted"
    OTHER = "other", "Not looked after or in need"
    UNKNOWN = "unknown", "Not known yet"


class ConcurrentProceedings(LabelledEnum):
    """Proceedings that a complaint's consideration could prejudice (regulation 8 of the 2006 Regulations)."""

    COURT = "court", "Court proceedings"
    CRIMINAL = "criminal", "Criminal proceedings"
    DISCIPLINARY = "disciplinary", "Disciplinary proceedings"
    POLICE = "police", "A police enquiry"


class TimescaleStep(LabelledEnum):
    """A step of a procedure that has a timescale in working days (domain.md section 4)."""

    ACKNOWLEDGE = "acknowledge", "Acknowledgement"
    STAGE_1_RESPONSE = "stage_1_response", "Stage 1 response"
    REQUEST_STAGE_2 = "request_stage_2", "Last day to ask for Stage 2"
    STAGE_2_ACKNOWLEDGE = "stage_2_acknowledge", "Stage 2 acknowledgement"
    STAGE_2_RESPONSE = "stage_2_response", "Stage 2 response"
    REQUEST_STAGE_3 = "request_stage_3", "Last day to ask for a review panel"
    STAGE_3_PANEL = "stage_3_panel", "Review panel meeting"
    STAGE_3_FINDINGS = "stage_3_findings", "Review panel findings"
    STAGE_3_RESPONSE = "stage_3_response", "Council's response to the review panel"
    COMMENT_RESPONSE = "comment_response", "Response to the comment"
