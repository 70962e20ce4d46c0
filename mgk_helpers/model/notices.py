"""The project's fixed notices, each in one place: the disclaimer, the urgent-care sentence, the model labels.

Notebooks carry the disclaimer box in their own markdown; a test checks that every notebook's box says
what :data:`DISCLAIMER` says.
"""

__all__ = ["DISCLAIMER", "MG_K_LABEL", "TEACHING_MODEL_NOTE", "URGENT_CARE"]

#: Whom to send where, at any lab value: the red flags (:func:`mgk_helpers.model.clinical.red_flags`), which
#: need emergency care, not a walk-in clinic.
URGENT_CARE = (
    "Chest pain or tightness, palpitations, fainting, trouble breathing, severe weakness, seizures or new "
    "confusion need emergency care."
)

#: The disclaimer every notebook, page and app view starts with.
DISCLAIMER = (
    "A teaching model, not medical advice. The numbers in these notebooks come from an illustrative model; "
    f"they are not clinical predictions or dosing advice. {URGENT_CARE}"
)

#: Under every model readout, figure and alt text.
TEACHING_MODEL_NOTE = "Illustrative teaching model, not a clinical prediction."

#: How every Mg → K result of the model is labelled.
MG_K_LABEL = (
    "Mg → K link: a hypothesis (renal Mg block relief, Huang and Kuo 2007, its strength a calibration; "
    "a slower muscle pump, an upper bound)"
)
