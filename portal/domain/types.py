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
    """Where a case stands. The waiting periods of the procedures are states of their own (issue 11), so the step
    that is due next follows from the state. Labels are the statutory procedure's; ``portal.domain.moves.state_label``
    gives each procedure's own wording."""

    RECEIVED = "received", "Received"
    SCREENING = "screening", "Screening"
    STAGE_1 = "stage_1", "Stage 1: response being prepared"
    STAGE_1_RESPONDED = "stage_1_responded", "Stage 1 response sent: time to ask for Stage 2"
    MEDIATION = "mediation", "Mediation"
    STAGE_2_REQUESTED = "stage_2_requested", "Stage 2 requested: terms of reference not agreed yet"
    STAGE_2 = "stage_2", "Stage 2: investigating"
    STAGE_2_ADJUDICATED = "stage_2_adjudicated", "Adjudication sent: time to ask for a review panel"
    STAGE_3_REQUESTED = "stage_3_requested", "Review panel requested: panel to be held"
    STAGE_3_PANEL_HELD = "stage_3_panel_held", "Review panel held: findings due"
    STAGE_3_FINDINGS = "stage_3_findings", "Panel findings received: council's response due"
    OMBUDSMAN = "ombudsman", "With the Ombudsman"
    AWAITING_RESPONSE = "awaiting_response", "Comment: awaiting the manager's answer"
    # Regulation 8 of the 2006 Regulations: waiting for concurrent proceedings to end.
    ON_HOLD = "on_hold", "On hold (regulation 8)"
    CLOSED = "closed", "Closed"


OPEN_STATES = frozenset(state for state in CaseState if state is not CaseState.CLOSED)


class Progress(LabelledEnum):
    """The furthest stage whose response the council has sent: what a closed case, or one with the Ombudsman, may go
    on to (``portal.domain.moves``). Members are in order, so ``rank`` compares them."""

    NONE = "none", "No response sent yet"
    STAGE_1 = "stage_1", "Stage 1 response sent"
    STAGE_2 = "stage_2", "Stage 2 response sent"
    STAGE_3 = "stage_3", "Council's response to the review panel sent"

    @property
    def rank(self) -> int:
        return list(Progress).index(self)


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
    """Which lists a theme belongs to: councils keep separate lists per kind of feedback, and one of learning
    categories for the learning records of upheld complaints (domain.md section 8)."""

    COMPLAINT = "complaint", "Complaints"
    CHILDREN = "children", "Children's feedback"
    COMPLIMENT = "compliment", "Compliments"
    LEARNING = "learning", "Learning from complaints"

    @property
    def item_name(self) -> str:
        """What one entry of the list is called: learning has categories, feedback has themes."""
        return "category" if self is ThemeScope.LEARNING else "theme"


# The lists whose entries a case carries (the learning categories belong to learning records instead).
CASE_THEME_SCOPES = frozenset({ThemeScope.COMPLAINT, ThemeScope.CHILDREN, ThemeScope.COMPLIMENT})


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
    """A step of a procedure that has a timescale in working days (domain.md section 4). The two "last day to ask"
    steps are the complainant's time to escalate, not the council's deadlines."""

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


class ClockEvent(LabelledEnum):
    """Something that happens to a case and starts or stops a clock (``portal.domain.clocks``). The app records the
    day each happened; a clock's day 1 is the first working day after it."""

    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    STAGE_1_RESPONSE_SENT = "stage_1_response_sent", "Stage 1 response sent"
    STAGE_2_REQUESTED = "stage_2_requested", "Stage 2 requested"
    STAGE_2_ACKNOWLEDGED = "stage_2_acknowledged", "Stage 2 request acknowledged"
    TERMS_OF_REFERENCE_AGREED = "terms_of_reference_agreed", "Terms of reference agreed"
    ADJUDICATION_SENT = "adjudication_sent", "Stage 2 adjudication sent"
    STAGE_2_RESPONSE_SENT = "stage_2_response_sent", "Stage 2 response sent"
    STAGE_3_REQUESTED = "stage_3_requested", "Review panel requested"
    PANEL_HELD = "panel_held", "Review panel held"
    FINDINGS_RECEIVED = "findings_received", "Review panel findings received"
    PANEL_RESPONSE_SENT = "panel_response_sent", "Council's response to the review panel sent"
    COMMENT_ANSWERED = "comment_answered", "Comment answered"


class OmbudsmanStatus(LabelledEnum):
    """How far the Local Government and Social Care Ombudsman has taken a complaint (domain.md section 5; seed 003's
    "LGO Status")."""

    ENQUIRY = "enquiry", "Enquiry"
    INVESTIGATION = "investigation", "Investigation"
    PREMATURE_REFERRAL = "premature_referral", "Premature referral"


class OmbudsmanDecision(LabelledEnum):
    """The Ombudsman's decision, as the Ombudsman words it (domain.md section 5; seeds 003 and 004)."""

    NO_FAULT = "no_fault", "No fault"
    FAULT_FOUND = "fault_found", "Fault found"
    MALADMINISTRATION_INJUSTICE = "maladministration_injustice", "Maladministration and injustice"
    MALADMINISTRATION_NO_INJUSTICE = "maladministration_no_injustice", "Maladministration, no injustice"
    NOT_INVESTIGATED = "not_investigated", "Not investigated"
    INVESTIGATION_DISCONTINUED = "investigation_discontinued", "Investigation discontinued"
    PREMATURE = "premature", "Premature"
    OUTSIDE_JURISDICTION = "outside_jurisdiction", "Outside jurisdiction"
    REMAINS_ONGOING = "remains_ongoing", "Remains ongoing"


class LearningActionStatus(LabelledEnum):
    """Where an action from a learning record stands (domain.md section 8; Dudley's "Learning / Complaint / Actions"
    table)."""

    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class LetterStatus(LabelledEnum):
    """Where a response letter stands: drafted, checked by the Complaints Team where that is needed, then sent
    (issue 11: the quality check is required for statutory letters and a council setting for corporate ones)."""

    DRAFT = "draft", "Draft"
    AWAITING_CHECK = "awaiting_check", "Waiting for the quality check"
    APPROVED = "approved", "Checked: ready to send"
    SENT = "sent", "Sent"
