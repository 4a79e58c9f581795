"""The playbook's phrase families, one promise per label from LABELS.md, each checked with sentences
written for this test (never texts of the hand-labelled dev set): what must be found, and the
look-alikes that must not."""

from __future__ import annotations

import functools

import polars as pl
import pytest

from heatcheck.labeling.playbook import REQUIRED_LABELS, load_playbook
from heatcheck.labeling.practices import label_messages

PLAYBOOK = load_playbook()
SIGNALS = set(REQUIRED_LABELS["signals"])


def labels_in(text: str) -> set[str]:
    """The labels found in one public Twitter message, read both as an agent's and as a customer's."""
    return _labels_of_every_example().get(text, set())


@functools.cache
def _labels_of_every_example() -> dict[str, set[str]]:
    """Every example of this module labelled in one call, as the pipeline labels a batch."""
    texts = sorted(
        {text for table in (FOUND, NOT_FOUND) for texts in table.values() for text in texts}
        | set(BLAME)
        | set(NOT_BLAME)
        | set(ESCALATION_REQUEST)
        | set(NOT_ESCALATION_REQUEST)
    )
    frame = pl.DataFrame(
        {
            "message_id": [f"{role}:{text}" for role in ("agent", "customer") for text in texts],
            "author_role": [role for role in ("agent", "customer") for _ in texts],
            "is_public": True,
            "body_clean": texts * 2,
            "channel": "twitter",
        }
    )
    found: dict[str, set[str]] = {}
    for message_id, label in label_messages(frame, PLAYBOOK).select("message_id", "label").iter_rows():
        found.setdefault(message_id.split(":", 1)[1], set()).add(label)
    return found


FOUND = {
    "redirect_channel": [
        "Could you DM us the order number?",
        "Please drop us a private message with your postcode.",
        "Give our billing team a call on 0345 123 4567 and they'll sort it.",
        "You can reach our support team here: https://example.com/help",
        "Please fill out this form so a specialist can contact you.",
        "This one is for our friends at @acmebank, they can help.",
        "Let's take this to email, write to us at __email__.",
        "Chat with us in the app under Help and we'll look.",
    ],
    "apologize": [
        "Sorry to hear that, Jo.",
        "Our apologies for the mix-up.",
        "We sincerely regret the trouble this caused.",
        "Lamentamos mucho lo ocurrido.",
    ],
    "acknowledge": [
        "Sorry about the late delivery of your sofa.",
        "I'm sorry your card was declined twice at checkout.",
        "We understand your frustration with the new app.",
        "Apologies for the long wait on the phone today.",
    ],
    "positive_language": [
        "I'll pass this on to the product team today.",
        "We can look into the charge for you.",
        "Let's check what happened to the parcel.",
        "We're reviewing your case now.",
        "You can still return it for a full refund.",
    ],
    "negative_language": [
        "We're unable to change the name on a ticket.",
        "We don't have a date for the update yet.",
        "Unfortunately, that isn't possible on this plan.",
        "This offer can only be used online.",
    ],
    "solution_offered": [
        "Try restarting the router and signing back in.",
        "Please clear the cache, then reinstall the app.",
        "Follow the steps in this guide: https://example.com/fix",
        "We've refunded the delivery charge to your card.",
    ],
    "open_question": [
        "Could you tell us what happened when you tried to pay?",
        "Please give us more details about the error you see.",
        "How can we help today?",
        "Can you elaborate a little on the problem?",
    ],
    "expectation_set": [
        "The refund will show up within 5 business days.",
        "A specialist will call you tomorrow morning.",
        "Repairs usually take up to 2 weeks.",
        "Please allow until the end of the week for the new card.",
    ],
    "escalation": [
        "I've passed your comments on to the store manager.",
        "We're looping in our network engineers.",
        "I'll share this internally with the right team.",
    ],
    "follow_up_promise": [
        "We'll get back to you as soon as we hear from the courier.",
        "I'll let you know once the part is in.",
        "You'll receive an update from our claims team by email.",
    ],
    "closing_door_open": [
        "Let us know how it goes!",
        "If you need anything else, we're here.",
        "Keep us posted on the delivery.",
        "If the problem comes back, give us a shout.",
    ],
    "empathize": [
        "That must have been so stressful for your family.",
        "We know how important this trip is to you.",
    ],
    "anger": [
        "This is absolutely ridiculous, third time this month.",
        "wtf is going on with my bill",
        "I'm so fed up with this app 😡",
        "Come on, how hard can it be to ship a box?",
        "How many more times do I have to call you?",
    ],
    "sarcasm": [
        "Thanks for the two hour delay, really appreciate it.",
        "Oh great, the app crashed again.",
        "Thanks so much for the three hour wait.",
        "Who doesn't love being on hold all morning?",
        "Yeah right, like that refund is ever coming.",
    ],
    "demand": [
        "Fix this now.",
        "I want my money back today.",
        "Please close my account.",
        "You need to refund me for the broken lamp.",
    ],
    "confusion": [
        "I'm confused, the app says paid but the email says overdue?",
        "Why is my balance showing zero?",
        "Will I lose my points if I switch plans?",
        "Not sure what this charge is for 🤷",
    ],
    "public_shaming": [
        "Worst customer service I have dealt with #fail",
        "@acme customer service is a joke",
        "Everyone avoid @acme at all costs.",
        "Absolutely disgraceful from @acme today.",
    ],
    "gratitude": [
        "Thank you, that sorted it!",
        "Huge shout out to the team at the Leeds store.",
        "Your support team is amazing.",
    ],
    "churn_threat": [
        "Thinking of switching to another provider after this.",
        "I'm taking my business elsewhere.",
    ],
    "abusive": [
        "You are a bunch of clowns.",
        "Your staff are useless idiots.",
    ],
}

NOT_FOUND = {
    "redirect_channel": [
        "No need to DM us, we've sorted it here.",
        "Your parcel left our warehouse this morning.",
        "Deliveries run until 8 pm tonight.",  # "pm" is a time, not a private message
        "See you there, enjoy the show!",
    ],
    "apologize": [
        "There's no need to apologise!",
        "We're sorry if you feel that way.",
    ],
    "acknowledge": [
        "Sorry to hear that.",
        "Apologies for the inconvenience.",
        "Glad to hear that you got it back!",
    ],
    "positive_language": [
        "We'd be happy to help.",
        "Please DM us so we can look into it.",
        "Let us know if we can help with anything else.",
    ],
    "negative_language": [
        "We can't wait to see you on board!",
        "We can refund it today.",
    ],
    "solution_offered": [
        "Have you updated the app recently?",
        "Does restarting it help?",
    ],
    "open_question": [
        "Could you tell me your order number?",
        "What device are you using?",
    ],
    "expectation_set": [
        "I can't say when it will be fixed.",
        "We replied within a minute yesterday.",
    ],
    "escalation": [
        "We can't escalate this any further.",
        "Please send us a DM.",
    ],
    "follow_up_promise": [
        "DM us and we'll follow up there.",
        "I can't promise we'll get back to you today.",
    ],
    "closing_door_open": [
        "We're here to help.",
        "Please don't reach out again about this.",
    ],
    "anger": [
        "Please ignore my last tweet, it's working now.",
        "I'm not angry, just a bit confused.",
        "Not impressed with the delay.",
        "THANK YOU SO MUCH!!!",
    ],
    "sarcasm": [
        "Oh great, that worked, thank you!",
        "Thanks for the quick reply.",
    ],
    "demand": [
        "Please DM me.",
        "Could you give me an update when you can?",
    ],
    "confusion": [
        "How do I add a second driver?",
        "I'm not confused anymore, thanks!",
    ],
    "public_shaming": [
        "My order is two days late.",
        "Not the worst service I've had, to be fair.",
    ],
    "gratitude": [
        "Can you check my order? Thanks.",
        "Thanks for nothing.",
        "I don't appreciate being ignored.",
        "Thanks for the two hour delay, really appreciate it.",  # sarcasm, so not gratitude
    ],
    "churn_threat": [
        "I just renewed my membership for another year.",
    ],
    "abusive": [
        "This app is useless.",
        "Fix this shit please.",
    ],
}


def cases(table: dict[str, list[str]]) -> list:
    return [pytest.param(label, text, id=f"{label}: {text}") for label, texts in table.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), cases(FOUND))
def test_each_phrase_family_finds_its_label_in_new_wording(label, text):
    assert label in labels_in(text)


@pytest.mark.parametrize(("label", "text"), cases(NOT_FOUND))
def test_look_alikes_negations_and_generic_courtesy_do_not_count(label, text):
    assert label not in labels_in(text)


BLAME = [
    "Sorry, but you entered the wrong card number.",
    "That delay is the courier's fault, not ours.",
    "You should have cancelled before the renewal date.",
    "The missing parcel is the responsibility of the carrier.",
    "You must have selected the wrong size when ordering.",
    "As we already explained, the fee was in the terms.",
    "This isn't our fault; the bank declined the payment.",
    "You didn't follow the setup instructions.",
]
NOT_BLAME = [
    "That was our mistake, and we're sorry.",
    "This is not your fault at all.",
    "Please check the card number you entered.",
    "We'll chase the courier for you.",
    "Sorry, your parcel is late.",
]


@pytest.mark.parametrize("text", BLAME)
def test_blame_is_putting_the_fault_on_the_customer_or_a_third_party(text):
    assert "blame" in labels_in(text)


@pytest.mark.parametrize("text", NOT_BLAME)
def test_owning_the_problem_or_asking_for_a_detail_is_not_blame(text):
    assert "blame" not in labels_in(text)


ESCALATION_REQUEST = [
    "I want to speak to a manager right now.",
    "Put me through to your supervisor.",
    "Can I talk to someone more senior please?",
    "Who is your manager?",
    "I'd like to escalate this.",
    "Get me someone in charge.",
    "I need to speak with a supervisor today.",
]
NOT_ESCALATION_REQUEST = [
    "The manager at the store was lovely.",
    "I don't want to speak to a manager, just fix it.",
    "My manager needs the invoice by Friday.",
    "Can I talk to someone about my bill?",
    "How can I file a complaint about my flight?",
]


@pytest.mark.parametrize("text", ESCALATION_REQUEST)
def test_asking_for_someone_more_senior_is_an_escalation_request(text):
    assert "escalation_request" in labels_in(text)


@pytest.mark.parametrize("text", NOT_ESCALATION_REQUEST)
def test_mentioning_a_manager_is_not_asking_for_one(text):
    assert "escalation_request" not in labels_in(text)


def test_every_label_has_found_and_not_found_examples_here_or_in_test_practices():
    covered = set(FOUND) | set(NOT_FOUND) | {"blame", "escalation_request", "doublespeak"}
    assert covered == set(REQUIRED_LABELS["practices"]) | SIGNALS
