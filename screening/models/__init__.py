from .application import Application
from .document import SupportingDocument
from .history import StateChange
from .phase import Phase

__all__ = ["Application", "Phase", "StateChange", "SupportingDocument"]
