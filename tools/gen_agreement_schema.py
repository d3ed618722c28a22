"""Writes engine/schemas/agreement.schema.json from the fact vocabulary below.

The vocabulary is easier to review as Python than as 1,500 lines of JSON; the JSON file is what
ships (draft-07, so editors' YAML language servers can use it). CI checks the two agree.
Run: python tools/gen_agreement_schema.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROLES = ["sending", "receiving", "both", "third", "none"]
FUNCTIONS = {
    "sentence_execution": "Whose law governs the sentence or the detention itself.",
    "facility_management": "Running the facility day to day (governor or director).",
    "external_security": "Perimeter and external security.",
    "internal_order": "Order and discipline inside the facility.",
    "use_of_force": "Use of force and means of restraint.",
    "staff_employment": "Employing the custodial staff.",
    "staff_discipline": "Disciplining the custodial staff.",
    "criminal_jurisdiction_staff": "Criminal jurisdiction over staff offences against detainees.",
    "criminal_jurisdiction_detainees": "Criminal jurisdiction over offences by detainees.",
    "investigation_deaths": "Investigating deaths in custody.",
    "investigation_ill_treatment": "Investigating allegations of torture or ill-treatment.",
    "health_care": "Providing health care.",
    "medication_supply": "Supplying medicines and medical products.",
    "complaints": "Receiving and deciding detainees' complaints.",
    "legal_aid": "Providing legal advice and aid.",
    "interpretation": "Providing interpretation and translation.",
    "family_contact": "Arranging visits and contact with family.",
    "independent_monitoring": "Independent monitoring of the facility.",
    "asylum_claims": "Receiving and deciding asylum claims made by detainees.",
    "removal_after_release": "Removing people from the receiving state once the stay ends.",
    "transfer_back": "Moving people back to the sending state (medical, security, other).",
    "release_decisions": "Deciding on release, parole and leave.",
}
POWERS = {
    "inspect": "May inspect the facility and its records.",
    "investigate": "May open its own investigation into events in the facility.",
    "prosecute": "May prosecute offences committed in the facility by staff.",
    "discipline_staff": "May discipline, suspend or remove custodial staff.",
    "order_transfer_back": "May order a detainee moved back to the sending state.",
    "give_instructions": "May give binding instructions to the facility's management.",
}

PROVENANCE = {
    "known": {"enum": ["stated", "reported", "inferred"],
              "description": "stated in the agreement's text; reported by a secondary source; "
                             "or inferred (give the reasoning)."},
    "source": {"$ref": "#/definitions/source"},
    "sources": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/source"}},
    "reasoning": {"type": "string", "minLength": 1,
                  "description": "Why an inferred fact is inferred."},
    "note": {"type": "string"},
}


FACT_KINDS: dict[str, dict[str, Any]] = {}


def fact(value: dict[str, Any], description: str) -> dict[str, Any]:
    """A fact: a value with its provenance, or several disagreeing accounts of it.

    Each distinct value type becomes one definition (`fact_<n>`), referenced with its description.
    """
    key = json.dumps(value, sort_keys=True)
    if key not in FACT_KINDS:
        FACT_KINDS[key] = {"name": f"fact_{len(FACT_KINDS)}", "schema": _fact_schema(value)}
    return {"allOf": [{"$ref": f"#/definitions/{FACT_KINDS[key]['name']}"}],
            "description": description}


def _fact_schema(value: dict[str, Any]) -> dict[str, Any]:
    account = {
        "type": "object",
        "additionalProperties": False,
        "required": ["value", "known"],
        "properties": {"value": value, **PROVENANCE},
        "anyOf": [{"required": ["source"]}, {"required": ["sources"]}],
        "if": {"properties": {"known": {"const": "inferred"}}},
        "then": {"required": ["reasoning"]},
    }
    return {
        "type": "object",
        "if": {"required": ["accounts"]},
        "then": {
            "additionalProperties": False,
            "properties": {
                "accounts": {"type": "array", "minItems": 2, "items": account},
                "note": {"type": "string"},
            },
        },
        "else": account,
    }


def obj(props: dict[str, Any], description: str = "", required: list[str] | None = None
        ) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": props}
    if description:
        out["description"] = description
    if required:
        out["required"] = required
    return out


BOOL = {"type": "boolean"}
INT = {"type": "integer", "minimum": 0}
NUM = {"type": "number", "minimum": 0}
STR = {"type": "string", "minLength": 1}
DATE = {"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}
ROLE = {"enum": ROLES}


def b(d: str) -> dict[str, Any]:
    return fact(BOOL, d)


def role(d: str) -> dict[str, Any]:
    return fact(ROLE, d)


def strlist(d: str, enum: list[str] | None = None) -> dict[str, Any]:
    item = {"enum": enum} if enum else STR
    return fact({"type": "array", "items": item, "uniqueItems": True}, d)


MONITORS = ["cpt", "spt", "sending_npm", "receiving_npm", "sending_ombudsman",
            "receiving_ombudsman", "sending_inspectorate", "sending_health_regulator",
            "sending_parliament", "un_bodies", "unhcr", "iom", "ngos", "sending_lawyers",
            "international_organisations"]

AGREEMENT = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://rights-risk-engine.example/schemas/agreement.schema.json",
    "title": "Agreement description",
    "description": "One agreement under which a state sends people it holds to another state. "
                   "Every fact cites a seeds/ entry and says how it is known.",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "title", "type", "parties"],
    "properties": {
        "$schema": {"type": "string"},
        "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$",
               "description": "Stable id, lower-case with hyphens."},
        "title": STR,
        "version": {"type": "string", "description": "Which version of the text this file "
                    "describes (for example 'letter-of-intent-2021' or 'treaty-2022')."},
        "summary": {"type": "string"},
        "type": {"enum": ["prison_lease", "prisoner_transfer", "offshore_processing",
                          "return_hub", "third_country_deportation", "domestic_detention"]},
        "status": fact({"enum": ["proposed", "negotiating", "letter_of_intent", "signed",
                                 "ratified", "in_force", "operational", "suspended",
                                 "terminated"]}, "Where the agreement stands."),
        "parties": obj({
            "sending": {"$ref": "#/definitions/party"},
            "receiving": {"$ref": "#/definitions/party"},
            "third": {"type": "array", "items": {"$ref": "#/definitions/party"}},
        }, "The states by role. Rules speak of roles, never of country codes.",
            required=["receiving"]),
        "dates": obj({
            "letter_of_intent": fact(DATE, "Letter of intent or political announcement."),
            "signed": fact(DATE, "Signature."),
            "ratified_sending": fact(DATE, "Ratification or approval by the sending state."),
            "ratified_receiving": fact(DATE, "Ratification or approval by the receiving state."),
            "in_force": fact(DATE, "Entry into force."),
            "operations_start": fact(DATE, "First transfers (actual or expected)."),
        }),
        "facility": obj({
            "name": fact(STR, "The facility's name."),
            "location": fact(STR, "Where it is."),
            "capacity": fact(INT, "Number of places."),
            "existing_prison": fact(BOOL, "An existing prison of the receiving state is used."),
            "occupancy_cap": b("The agreement caps occupancy per cell or per facility."),
            "space_standard_met": b("Living space per person meets CPT standards "
                                    "(6 m² single cell, 4 m² per person shared)."),
            "separation_from_other_detainees": b("The people sent are held apart from the "
                                                 "receiving state's own detainees."),
            "dedicated_immigration_facility": b("Immigration detainees are held in a dedicated "
                                                "centre rather than a prison."),
        }),
        "population": obj({
            "groups": strlist("Who may be sent.", ["sentenced_prisoners", "remand_prisoners",
                              "asylum_seekers", "rejected_asylum_seekers", "irregular_migrants",
                              "deportees", "third_country_nationals"]),
            "selection_by_nationality": b("Eligibility depends on nationality or immigration "
                                          "status (for example only foreign nationals, or only "
                                          "those under an expulsion order)."),
            "selection_basis": fact(STR, "The selection rule in words."),
            "sending_state_nationals_excluded": b("Nationals of the sending state are excluded "
                                                  "in law from being sent."),
            "expulsion_order_required": b("Only people under an expulsion or removal order "
                                          "can be sent."),
            "justification_documented": b("The agreement or its travaux give an aim and a "
                                          "proportionality reasoning for the selection rule."),
            "children_possible": b("Children (under 18) can be sent or held."),
            "families_possible": b("Families with children can be sent or held."),
            "vulnerable_excluded": b("Vulnerable people (ill, disabled, survivors of torture "
                                     "or trafficking, pregnant women) are excluded."),
            "serious_illness_excluded": b("People with serious physical or mental illness are "
                                          "excluded."),
            "exclusions": strlist("Groups expressly excluded."),
            "consent_required": b("The person's consent is required."),
            "individual_assessment": b("Each person's situation is assessed individually "
                                       "before transfer."),
            "risk_assessment_before_transfer": b("An individual assessment of the risk of "
                                                 "ill-treatment or refoulement is made before "
                                                 "transfer."),
            "family_ties_considered": b("Family ties and children are weighed in the decision."),
            "notice_days": fact(INT, "Days of notice given before transfer."),
            "age_assessment_procedure": b("A procedure to assess age, giving the benefit of the "
                                          "doubt, applies before and after transfer."),
            "information_before_transfer": b("Written information on the destination is given "
                                             "before transfer."),
            "transfer_challengeable": b("The transfer decision can be challenged before it is "
                                        "carried out."),
            "max_number": fact(INT, "Most people who may be sent (in all, or a year)."),
            "min_sentence_years": fact(NUM, "Shortest remaining sentence that qualifies."),
            "equal_regime_access": b("The people sent keep the same access to regime, leave, "
                                     "programmes and release as in the sending state's prisons."),
        }),
        "responsibility": obj(
            {name: obj({"performed_by": role("Which state performs the function."),
                        "law": role("Whose law governs it."),
                        "note": {"type": "string"}}, desc)
             for name, desc in FUNCTIONS.items()},
            "The responsibility matrix: for each function, who performs it and under whose law."),
        "powers": obj({
            r: obj({name: b(desc) for name, desc in POWERS.items()},
                   f"Oversight powers the {r} state keeps over the facility.")
            for r in ["sending", "receiving"]
        }, "Powers each state keeps, whoever performs the function."),
        "staffing": obj({
            "governor_appointed_by": role("Who appoints the governor or head of the facility."),
            "director_appointed_by": role("Who appoints the administrative director."),
            "guards_provided_by": role("Whose officers guard the detainees."),
            "staff_bound_by_law": role("Whose law binds the custodial staff."),
            "sending_staff_on_site": b("Officials of the sending state work on site."),
            "training_provided": b("Custodial staff receive training for the assignment."),
            "training_covers_rights": b("Training covers the ban on torture, use-of-force limits "
                                        "and the sending state's rules."),
            "language_requirement": fact(STR, "Language staff must speak."),
            "common_language_with_detainees": b("Staff can communicate with detainees in a "
                                                "language they understand."),
            "staffing_ratio_set": b("A minimum staffing level is set."),
            "removal_by_sending": b("The sending state can have staff removed."),
        }),
        "health_care": obj({
            "standard": fact({"enum": ["equivalent_to_sending", "receiving_standard"]},
                             "The benchmark for care."),
            "medical_staff_from": role("Whose health professionals staff the medical unit."),
            "supervised_by": role("Whose health regulator supervises care."),
            "clinical_independence": b("Health staff are independent of custodial management."),
            "screening_on_arrival": b("Everyone is medically examined on arrival."),
            "injury_documentation": b("Injuries are documented and reported to an authority."),
            "confidentiality": b("Medical confidentiality and data exchange are regulated."),
            "records_transferred": b("Medical records travel with the person."),
            "mental_health_care": b("Mental-health care is provided."),
            "hospital_access": b("Access to specialists and hospital care is arranged."),
            "costs_borne_by_detainees": b("Detainees pay for health care or insurance."),
            "medication_by_health_staff": b("Medicines are dispensed by health staff, not by "
                                            "custodial officers."),
        }),
        "regime": obj({
            "disciplinary_law": role("Whose disciplinary rules apply."),
            "disciplinary_appeal_to_sending": b("Disciplinary decisions can be appealed to a "
                                                "sending-state body."),
            "solitary_limits": b("Solitary confinement is limited in time and reviewed."),
            "force_rules_law": role("Whose rules govern use of force and restraint."),
            "force_reported_to_sending": b("Every use of force is reported to the sending "
                                           "state."),
            "restraint_individual_assessment": b("Restraints (including in transport) only on "
                                                 "an individual risk assessment."),
            "receiving_units_may_intervene": b("Police or intervention units of the receiving "
                                               "state may enter under their own rules."),
            "out_of_cell_activities": b("Work, education and out-of-cell activities are "
                                        "provided."),
            "information_in_own_language": b("House rules and rights are given in languages "
                                             "detainees understand."),
            "rehabilitation_programme": b("A rehabilitation or release-preparation programme "
                                          "is provided."),
        }),
        "safeguards": obj({
            "monitoring": obj({
                "bodies": strlist("Bodies with access to the facility.", MONITORS),
                "unannounced_visits": b("Monitors may visit unannounced."),
                "private_interviews": b("Monitors may interview detainees in private."),
                "records_access": b("Monitors may see all records."),
                "receiving_ombudsman_limited": b("The receiving state's ombudsperson may inspect "
                                                 "only in part."),
                "reports_published": b("Monitoring reports are published."),
            }),
            "complaints": obj({
                "to_sending_bodies": b("Detainees can complain directly to sending-state "
                                       "bodies (ombudsman, prosecutor, courts)."),
                "confidential": b("Complaints can be made confidentially."),
                "anti_reprisal": b("Complainants and witnesses are protected from reprisals."),
                "in_own_language": b("Complaints are accepted in the detainee's language."),
                "register": b("Complaints are registered and traceable."),
            }),
            "legal_aid": obj({
                "available": b("Legal aid is available."),
                "sending_lawyers_access": b("Lawyers from the sending state have access."),
                "confidential_consultation": b("Consultations with lawyers are confidential."),
            }),
            "interpretation": obj({
                "provided": b("Interpretation is provided when needed."),
            }),
            "family_contact": obj({
                "visits": b("Visits are possible."),
                "visits_as_in_sending_state": b("Visiting rights are the same as in the sending "
                                                "state."),
                "phone": b("Telephone contact is provided."),
                "video_calls": b("Video calls are provided."),
                "travel_support": b("Visitors' travel is supported."),
                "visa_facilitation": b("Visitors get help with visas."),
            }),
            "remedies": obj({
                "sending_courts_competent": b("Courts of the sending state hear claims about "
                                              "the detention and treatment."),
                "suspensive_before_transfer": b("An appeal against transfer suspends it."),
                "compensation": b("Victims can claim compensation."),
                "liability_allocated": b("The agreement allocates liability between the "
                                         "states."),
            }),
            "consular_access": b("Detainees can contact their consular representatives."),
            "notification_of_custody": b("From the outset, people held can have a relative or "
                                         "third party told, and have access to a lawyer and a "
                                         "doctor."),
            "unhcr_access": b("UNHCR has access to the people held."),
            "investigations": obj({
                "deaths_notified_to_sending": b("Deaths and serious injuries are notified to "
                                                "the sending state at once."),
                "sending_participation": b("Sending-state investigators may take part in "
                                           "investigations."),
                "independent_investigator": b("Investigations are done by a body independent "
                                              "of the facility's staff."),
                "evidence_preservation": b("Evidence is preserved for investigators."),
                "next_of_kin_informed": b("Next of kin are informed and can take part."),
            }),
            "review": obj({
                "joint_review_body": b("A joint body reviews the arrangement regularly."),
                "evaluation_published": b("Evaluations are published."),
                "suspension_clause": b("Transfers can be suspended if standards are not met."),
            }),
        }),
        "asylum": obj({
            "claims_possible": b("People held can claim asylum."),
            "procedure_in_sending_law": b("Claims are decided under the sending state's law."),
            "receiving_system_assessed": b("The sending state assessed the receiving state's "
                                           "asylum system before the agreement."),
            "safe_country_review": b("Any designation of safe countries used to select or "
                                     "process people can be reviewed by a court."),
        }),
        "detention": obj({
            "max_months": fact(NUM, "Longest detention allowed, in months."),
            "judicial_review": b("A court reviews the detention speedily."),
            "periodic_review": b("Detention is reviewed at intervals."),
            "release_if_removal_impossible": b("People are released when removal is no longer "
                                               "reasonably possible."),
            "alternatives_considered": b("Less coercive measures are considered first."),
        }),
        "end_of_stay": obj({
            "release_location": fact({"enum": ["sending", "receiving", "country_of_origin",
                                               "third"]}, "Where people are released."),
            "removal_route": fact({"enum": ["direct_from_receiving", "via_sending"]},
                                  "How people are removed after the stay."),
            "onward_removal_assessment": b("No onward removal without a fresh individual risk "
                                           "assessment."),
            "transfer_back_possible": b("People can be moved back to the sending state."),
            "transfer_back_grounds": strlist("Grounds for moving someone back."),
            "return_to_sending_barred": b("People sent may never return to the sending state."),
            "release_preparation": b("Release or return is prepared in advance."),
            "readmission_arrangements": b("The receiving state has arrangements with the "
                                          "countries people are to be returned to, so that "
                                          "onward return is feasible."),
        }),
        "money": obj({
            "annual_payment_eur": fact(NUM, "Yearly payment for the places, in euros."),
            "total_eur": fact(NUM, "Total payments over the term, in euros."),
            "other_support": fact(STR, "Other support promised."),
            "per_person_payment": b("Payment is per person sent."),
            "paid_by": role("Who pays for running the facility."),
        }),
        "transparency": obj({
            "text_published": b("The full text of the agreement is published."),
        }),
        "duration": obj({
            "initial_years": fact(NUM, "Initial term in years."),
            "renewal": fact({"enum": ["automatic", "by_agreement", "none"]}, "Renewal."),
            "termination_notice_months": fact(NUM, "Notice to end the agreement, in months."),
        }),
    },
    "definitions": {
        "party": {
            "type": "object", "additionalProperties": False, "required": ["state", "name"],
            "properties": {
                "state": {"type": "string", "pattern": "^[A-Z]{2}$",
                          "description": "Two-letter code as in the states file (XK: Kosovo)."},
                "name": STR,
            },
        },
        "source": {
            "type": "object", "additionalProperties": False, "required": ["seed"],
            "properties": {
                "seed": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$",
                         "description": "Id of a seeds/ entry."},
                "fact": {"type": "string", "description": "Id of a fact in that entry."},
                "at": {"type": "string", "description": "Article, page or section."},
            },
        },
    },
}

AGREEMENT["definitions"].update(
    {kind["name"]: kind["schema"] for kind in FACT_KINDS.values()})

if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "engine" / "schemas" / "agreement.schema.json"
    text = json.dumps(AGREEMENT, indent=1, ensure_ascii=False) + "\n"
    if "--check" in sys.argv:
        sys.exit(0 if out.read_text(encoding="utf-8") == text else 1)
    out.write_text(text, encoding="utf-8")
