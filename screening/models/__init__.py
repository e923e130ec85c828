from .application import Application
from .conflict import ConflictOfInterest
from .document import SupportingDocument
from .history import StateChange
from .phase import Phase
from .reminder import ReviewReminder
from .review import Assessment, Assignment, ScoreSheet

__all__ = [
    "Application", "Assessment", "Assignment", "ConflictOfInterest", "Phase", "ReviewReminder", "ScoreSheet",
    "StateChange", "SupportingDocument",
]
