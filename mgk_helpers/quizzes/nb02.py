"""Self-checks for notebook 02 (cellular transport): MgATP and the pump, body K stores, model artefacts."""

from __future__ import annotations

from mgk_helpers.model import Params, steady_state

_P = Params()
_SS = steady_state(0.85)
_ICF = _P.v_i * _SS.icf_k
_SHARE = round(100.0 * _ICF / _SS.total_body_k, 1)

QUESTIONS = [
    {
        "question": (
            "In the model's normal steady state (ECF 14.5 L at 4.2 mmol/L, cell water 24 L at 130 mmol/L), "
            "what percentage of the body's exchangeable K is inside cells?"
        ),
        "answer": _SHARE,
        "tolerance": 0.5,
        "unit": "%",
        "explanation": (
            f"Cells hold {_ICF:.0f} of {_SS.total_body_k:.0f} mmol, about {_SHARE:.1f}%, matching the "
            "commonly cited ~98%. A blood test samples the other 2%, which is why serum K is a poor "
            "window on body K."
        ),
    },
    {
        "question": "What does 'magnesium is a cofactor' mean for the Na⁺/K⁺ pump?",
        "options": [
            "The pump carries Mg²⁺ into cells together with K⁺.",
            "The pump's fuel is the Mg–ATP complex; normally there is plenty, so the pump is saturated.",
            "Mg²⁺ switches the pump off when serum K is low.",
        ],
        "answer": 1,
        "explanation": (
            "Mg²⁺ is needed for the pump to split ATP but is not transported (Apell et al. 2017). With "
            "5–8 mmol/L ATP, about 90% bound to Mg, and a K0.5 for ATP of about 0.40 mmol/L, the pump runs "
            "near full speed; only severe Mg depletion slows it directly."
        ),
    },
    {
        "question": (
            "With the pump coupling on, a model in which cell Mg drops *instantly* shows serum K jumping to "
            "about 6.3 mmol/L within minutes. What is the best reading of that result?"
        ),
        "options": [
            "Low magnesium causes hyperkalaemia within minutes.",
            "It is an artefact of stepping a slow quantity; in the body cell Mg falls over weeks.",
            "The kidney stops excreting K when Mg is low.",
        ],
        "answer": 1,
        "explanation": (
            "Cell Mg changes slowly; stepping it makes the pumps slow at once and cells dump K into the "
            "small extracellular pool. Letting cell Mg relax over weeks shrinks the spike to a small "
            "bump, because the kidney clears the K as it trickles out."
        ),
    },
    {
        "question": (
            "Patients on long-term diuretics had low muscle K, Mg and pump numbers. How long did oral Mg "
            "take to normalise them in most patients (Dørup et al. 1993)?"
        ),
        "options": ["About 2 days", "About 2 weeks", "About 26 weeks", "It never helped"],
        "answer": 2,
        "explanation": (
            "After 2–12 weeks of oral Mg the values had improved but were far from normal; after 26 weeks "
            "they were normal in most patients. Muscle K and Mg recover over months, not days."
        ),
    },
]
