"""The demo company's world as data: agents and teams, customer names, products, the topics
tickets are about, and the phrase pools customers and agents write from. No logic."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Agent:
    handle: str
    name: str
    team: str
    care: float  # how often this agent writes a caring reply rather than a careless one

    @property
    def first(self) -> str:
        return self.name.split()[0]

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in self.name.split())


AGENTS = (
    Agent("maya.k", "Maya Kowalski", "billing", 0.85),
    Agent("omar.s", "Omar Saleh", "billing", 0.55),
    Agent("ines.v", "Ines Vidal", "billing", 0.9),
    Agent("raj.p", "Raj Patel", "technical", 0.7),
    Agent("lena.w", "Lena Weber", "technical", 0.45),
    Agent("kofi.a", "Kofi Asante", "technical", 0.85),
    Agent("diego.r", "Diego Rojas", "technical", 0.6),
    Agent("sofia.m", "Sofia Marino", "shipping", 0.8),
    Agent("tom.b", "Tom Byrne", "shipping", 0.35),
    Agent("hana.t", "Hana Takeda", "shipping", 0.7),
    Agent("ben.c", "Ben Carter", "returns", 0.5),
    Agent("grace.o", "Grace Okafor", "returns", 0.9),
    Agent("priya.d", "Priya Desai", "accounts", 0.75),
    Agent("lucas.f", "Lucas Fischer", "accounts", 0.4),
    Agent("nora.h", "Nora Hughes", "accounts", 0.8),
    Agent("ruth.e", "Ruth Evans", "escalations", 0.95),
)
AGENT_BY_HANDLE = {agent.handle: agent for agent in AGENTS}
MANAGER = AGENT_BY_HANDLE["ruth.e"]
# Who takes a case a front-line agent cannot finish: the specialist for what it needs.
SPECIALIST_FOR = {
    "billing": "ines.v",
    "technical": "kofi.a",
    "shipping": "ines.v",
    "returns": "ines.v",
    "accounts": "kofi.a",
}
DESK_TEAMS = {
    "canonical": {"billing": 25, "technical": 35, "shipping": 25, "returns": 15},
    "fivetran": {"accounts": 75, "billing": 25},
    "twitter": {"billing": 20, "technical": 40, "shipping": 30, "returns": 5, "accounts": 5},
}

FIRST_NAMES = (
    "Jordan",
    "Alex",
    "Sam",
    "Taylor",
    "Morgan",
    "Chris",
    "Jamie",
    "Pat",
    "Robin",
    "Casey",
    "Linda",
    "Mark",
    "Aisha",
    "Wei",
    "Carlos",
    "Fatima",
    "Tom",
    "Emily",
    "Noah",
    "Olivia",
    "Liam",
    "Zoe",
    "Mateo",
    "Hannah",
    "Kenji",
    "Priyanka",
    "Greg",
    "Rosa",
    "Ahmed",
    "Julia",
)
LAST_NAMES = (
    "Miller",
    "Nguyen",
    "Garcia",
    "Smith",
    "Brown",
    "Lee",
    "Wilson",
    "Lopez",
    "Clark",
    "Young",
    "Hall",
    "Khan",
    "Murphy",
    "Rivera",
    "Cohen",
    "Price",
    "Reed",
    "Foster",
    "Bell",
    "Ward",
)
PRODUCTS = (
    "Thermo 2 thermostat",
    "Thermo Mini",
    "room sensor",
    "radiator valve kit",
    "Heatcheck Hub",
    "smart boiler relay",
)
PLANS = ("Plus monthly plan", "Plus annual plan", "Family plan", "Pro plan")


@dataclass(frozen=True)
class Topic:
    """What a ticket is about, with the words each side uses for it."""

    key: str
    team: str
    ticket_type: str  # Zendesk's ticket type
    subjects: tuple[str, ...]
    problems: tuple[str, ...]
    issues: tuple[str, ...]  # how an agent names the problem back to the customer
    solutions: tuple[str, ...]
    blames: tuple[str, ...]  # an apology that blames the customer or a third party
    questions: tuple[str, ...]  # a customer's next question, the one left hanging
    agains: tuple[str, ...]  # the problem coming back after it was solved
    outbound: str  # why an agent would write first


TOPICS = (
    Topic(
        "double_charge",
        "billing",
        "problem",
        ("Charged twice this month", "Double charge on my card"),
        (
            "I was charged {amount} twice for my {plan} this month.",
            "My bank statement shows two payments of {amount} for the {plan} on the same day.",
        ),
        ("the double charge of {amount}", "being billed twice for your {plan}"),
        (
            "I've refunded the duplicate payment of {amount}; it will be back on your card in 3-5 business days.",
            "I've cancelled the second charge, so you'll see {amount} back on your card within 5 business days.",
        ),
        (
            "Sorry, but the second charge is a pending authorisation from your bank, not something we did.",
            "Sorry, but you clicked Pay twice at checkout, which is why there are two charges.",
        ),
        ("Will the refund arrive before my next statement?", "Can you send me an invoice that shows the refund?"),
        (
            "I've been charged twice AGAIN this month, {amount} both times.",
            "The double charge is back on this month's bill.",
        ),
        "we noticed two payments of {amount} on your account this month and want to refund the duplicate.",
    ),
    Topic(
        "unexpected_renewal",
        "billing",
        "question",
        ("Renewed without my consent", "Unexpected renewal charge"),
        (
            "My {plan} renewed for {amount} even though I turned off auto-renew last month.",
            "I got charged {amount} for another year of the {plan}. I never agreed to that.",
        ),
        ("the renewal charge you didn't expect", "your {plan} renewing after you switched auto-renew off"),
        (
            "I've cancelled the renewal and refunded the full {amount}.",
            "I've moved you back to the free plan and refunded {amount}; you keep Plus features until the month ends.",
        ),
        (
            "Sorry, but you needed to cancel at least 7 days before the renewal date, as our terms say.",
            "Sorry, but auto-renew was still switched on in your account settings.",
        ),
        ("Does that mean my schedules get deleted when Plus ends?", "Will I lose my energy reports from last winter?"),
        ("You said the renewal was cancelled but I was charged {amount} again today.",),
        "your {plan} renews next week for {amount} and the card on file has expired.",
    ),
    Topic(
        "hub_offline",
        "technical",
        "incident",
        ("Hub keeps going offline", "Thermostat offline since the update"),
        (
            "My {product} keeps going offline since the last app update, so the heating schedule doesn't run.",
            "The app says 'Hub offline' every evening and the house is freezing when we get home.",
        ),
        ("your {product} dropping offline", "the hub disconnecting since the update"),
        (
            "Here's a workaround that fixes this in most homes: unplug the hub for 30 seconds, hold the reset "
            "button for 10 seconds, then re-add it in the app under Settings > Devices.",
            "We've released firmware {version}, which fixes the disconnects. You can install it from "
            "Settings > Hub > Update.",
        ),
        (
            "Sorry, but this is caused by your router's settings, not by our hub.",
            "Sorry, but the hub has to be within 10 metres of the router, as the manual says.",
        ),
        ("Do I need to set up all my schedules again after the reset?", "What if the reset button does nothing?"),
        ("The hub is offline again, the fix only lasted {days} days.", "Same problem again since last night."),
        "our monitoring shows your {product} has been offline for {days} days and we'd like to help you reconnect it.",
    ),
    Topic(
        "app_outage",
        "technical",
        "incident",
        ("App not loading", "Can't control my heating from the app"),
        (
            "The app just spins when I open it and I can't change the temperature.",
            "Since this morning the app shows 'Something went wrong' and none of my rooms load.",
        ),
        ("the app not loading your rooms", "not being able to control your heating from the app"),
        (
            "We had an outage this morning, which is fixed now. Please close the app fully and open it again.",
            "Please update to app version {version}, which fixes the loading error, then log out and back in.",
        ),
        (
            "Sorry, but you're on an old version of the app, which we no longer support.",
            "Sorry, but the problem is your phone's settings, not our app.",
        ),
        ("Did my schedule still run while the app was down?", "Do I have to do this on my partner's phone too?"),
        ("The app is stuck on the loading screen again.",),
        "a fault in app version {version} may have stopped your schedules, and it is fixed now.",
    ),
    Topic(
        "wrong_temperature",
        "technical",
        "problem",
        ("Temperature reading is wrong", "Sensor shows the wrong temperature"),
        (
            "The {product} says 24 degrees but the room is clearly much colder.",
            "My {product} reads about 5 degrees too high, so the heating never comes on.",
        ),
        ("the wrong readings from your {product}",),
        (
            "You can recalibrate it: in the app open Rooms > {product} > Calibrate and enter the temperature "
            "from another thermometer.",
            "I'm sending you a replacement {product}; the batch yours came from has a known sensor fault.",
        ),
        ("Sorry, but you've mounted the sensor above the radiator, which the installation guide warns against.",),
        ("Where should I put the sensor instead?", "How long does the calibration take?"),
        ("The readings are off again after the calibration.",),
        "the {product} you bought comes from a batch with a sensor fault, and we'd like to replace it for free.",
    ),
    Topic(
        "late_delivery",
        "shipping",
        "problem",
        ("Where is my order {order}?", "Order {order} not delivered"),
        (
            "My order {order} was supposed to arrive {days} days ago and the tracking hasn't moved.",
            "Still no sign of order {order}. The tracking has said 'in transit' for {days} days.",
        ),
        ("order {order} not arriving", "the delay with your order {order}"),
        (
            "I've sent a replacement by express delivery, tracking number {tracking}; it should be with you in 2 days.",
            "I've refunded the order in full, and if the original parcel turns up you can keep it.",
        ),
        (
            "Sorry, but you entered the wrong address at checkout, so the parcel went back to our warehouse.",
            "Sorry, but the carrier is responsible for delays, not us.",
        ),
        ("Do I need to be home to sign for it?", "What happens if the first parcel turns up as well?"),
        ("The replacement hasn't arrived either. Tracking {tracking} hasn't moved.",),
        "your order {order} is held up at our warehouse for about {days} days, and we wanted you to hear it from us.",
    ),
    Topic(
        "damaged_item",
        "shipping",
        "problem",
        ("Arrived damaged", "Broken {product}"),
        (
            "My {product} arrived broken and the box was crushed.",
            "The {product} from order {order} was broken when I opened the box.",
        ),
        ("your {product} arriving damaged",),
        (
            "I've arranged a free replacement {product}; the courier will collect the broken one when it's delivered.",
            "I've sent a replacement by express and emailed you a prepaid label for the broken one.",
        ),
        (
            "Sorry, but damage has to be reported within 48 hours of delivery.",
            "Sorry, but the courier damaged it, so you'll need to claim from them.",
        ),
        ("Should I keep the broken one until the courier comes?", "Can I get the replacement in white instead?"),
        ("The replacement arrived damaged too. Seriously.",),
        "the {product} from order {order} may have been packed with a loose panel, so we're sending a new one.",
    ),
    Topic(
        "return_label",
        "returns",
        "question",
        ("No return label", "Return for order {order}"),
        (
            "I asked to return my {product} {days} days ago and I still haven't received a return label.",
            "The return form for order {order} keeps failing and I have no label.",
        ),
        ("the missing return label for order {order}",),
        ("I've emailed you a prepaid return label just now; you can drop the parcel at any UPS point.",),
        ("Sorry, but you picked the wrong reason in the return form, so it was rejected.",),
        ("Do I need the original box?", "How long after drop-off do I get my money back?"),
        ("The new label doesn't work either, UPS won't accept it.",),
        "your return for order {order} got stuck in our system, so here is a fresh label.",
    ),
    Topic(
        "refund_after_return",
        "returns",
        "problem",
        ("Refund not received", "Where is my refund?"),
        ("I sent the {product} back {days} days ago and I still don't have my refund of {amount}.",),
        ("the refund of {amount} for your returned {product}",),
        (
            "Your return is checked in and I've issued the refund of {amount} today; banks take 3-5 business days "
            "to show it.",
        ),
        ("Sorry, but the item came back without its original packaging, so it took longer to process.",),
        ("Will the refund go to the same card?", "Why did it take so long?"),
        ("Still no refund, and your email said it was sent.",),
        "your refund of {amount} was delayed by a payment error, and it has now been sent.",
    ),
    Topic(
        "locked_out",
        "accounts",
        "problem",
        ("Locked out of my account", "2FA code not arriving"),
        (
            "I'm locked out of my account because the 2FA code never arrives on my phone.",
            "I can't log in: it says my account is locked after too many attempts.",
        ),
        ("being locked out of your account",),
        (
            "I've unlocked your account and switched your two-factor codes to email; you can log in now.",
            "I've sent a one-time login link to the email on your account; it works for 30 minutes.",
        ),
        ("Sorry, but the wrong password was entered five times, which locks the account for security.",),
        ("How do I switch the codes back to my phone later?", "Will the others in my home keep access?"),
        ("Locked out again this morning, same problem.",),
        "we saw several failed logins on your account and locked it to keep it safe.",
    ),
    Topic(
        "change_email",
        "accounts",
        "question",
        ("Change the email on my account", "Email change fails"),
        ("I need to change the email address on my account, but the form keeps saying 'invalid request'.",),
        ("the email change that keeps failing",),
        ("I've updated the email on your account; you'll get a confirmation at the new address.",),
        ("Sorry, but the new address is already used by another account.",),
        ("Will my invoices go to the new address too?",),
        ("The old email is back on my account, what happened?",),
        "the email address on your account bounces, so we'd like to check it with you.",
    ),
    Topic(
        "password_reset",
        "accounts",
        "problem",
        ("Password reset link expired", "Can't reset my password"),
        ("The password reset link says it has expired every time I click it.",),
        ("the reset link expiring",),
        ("I've sent a fresh reset link that's valid for 24 hours; please open it in the browser you requested it in.",),
        ("Sorry, but you're clicking an old link; you need to use the newest email.",),
        ("Do I need to log in again on the thermostat itself?",),
        ("The new link has expired too.",),
        "a fault sent you expired reset links, and we've fixed it.",
    ),
)
TOPICS_BY_TEAM = {team: [t for t in TOPICS if t.team == team] for team in DESK_TEAMS["twitter"]}

# What customers say, by mood.
MOOD_LINES = {
    "calm": (
        "Could you help me with this?",
        "What should I do?",
        "Thanks in advance for your help.",
        "Any idea what's going on?",
    ),
    "confused": (
        "I'm not sure what I'm supposed to do here.",
        "I don't understand what the app is telling me.",
        "Sorry if this is a silly question, but how does this work?",
        "I'm confused, the email said one thing and the app says another.",
        "Am I doing something wrong?",
    ),
    "angry": (
        "This is RIDICULOUS.",
        "This is ridiculous, I've had enough.",
        "Worst service I have ever had.",
        "I am SO angry right now.",
        "Absolutely unacceptable. Fix it NOW.",
        "I've been waiting {days} days and NOBODY has helped me.",
        "How hard can it be???",
    ),
    "sarcastic": (
        "Thanks for the {hours} hour delay, really appreciate it.",
        "Great, another outage. Love paying for this.",
        "Wow, what amazing service.",
        "Oh perfect, just what I needed this week.",
        "Brilliant, my house is freezing but at least the app looks nice.",
        "Fantastic job as always, guys.",
    ),
    "churn": (
        "If this isn't fixed today I'll cancel my subscription.",
        "I want to cancel my subscription.",
        "I'm seriously thinking about switching to another brand.",
        "Give me one reason not to cancel my account.",
        "Cancel my subscription and refund me.",
    ),
    "manager": (
        "I want to speak to a manager.",
        "Put me through to your supervisor, please.",
        "I demand to talk to someone in charge.",
        "Get me a manager. Now.",
    ),
    "shaming": (
        "Everyone: do NOT buy from @HeatcheckHelp.",
        "Worst company ever, avoid Heatcheck.",
        "Telling everyone I know to stay away from you.",
        "Shame on you, this is how you treat customers.",
    ),
    "grateful": (
        "Love the thermostat otherwise!",
        "You've always been helpful, so I'm sure you can sort this.",
        "Thanks, you're usually great.",
    ),
}
COMPLAINT_MOODS = ("angry", "sarcastic", "churn", "manager", "shaming")
MOOD_SHARES = {"calm": 34, "confused": 14, "angry": 18, "sarcastic": 10, "churn": 8, "manager": 5, "grateful": 11}
THANKS = (
    "Thank you so much, that fixed it!",
    "Thanks {agent}, that's sorted now.",
    "Great, thanks for the quick help.",
    "Ok that worked. Thanks for sorting this out.",
    "Really appreciate it, thank you!",
    "Thanks, much better now. Sorry for being short earlier.",
    "Perfect, thank you for being so patient with me.",
)
ANGRIER = (
    "So it's MY fault now? Unbelievable.",
    "That's not an answer. This is ridiculous.",
    "Worst service ever. I'm done.",
    "I don't care about your policy, I want this fixed.",
    "Stop copy-pasting and actually read my message!",
    "I want to speak to a manager.",
    "Cancel my subscription. I'm going to a competitor.",
    "Are you even reading what I write???",
)
CHASES = (
    "Any update? You said I'd hear back {deadline}.",
    "Still waiting. It's been {days} days now.",
    "Hello?? Is anyone there?",
    "I was promised an update {deadline} and have heard nothing.",
    "Following up again. Nobody has got back to me.",
)
ANSWERS = (
    "It happens every time I try, since about {days} days ago.",
    "I tried that already, no change.",
    "I'm on an iPhone 13 with the latest app, if that matters.",
    "It started after the update last week.",
    "Nothing changed on my side, it just started one morning.",
    "I'd just like it to work like it did before.",
)
HANGING_QUESTIONS = (
    "And what about my money?",
    "Ok, but when exactly will that happen?",
    "Can you confirm that's actually done?",
    "What do I do if it happens again?",
)
REDIRECT_ANSWERS = (
    "Sent you a DM.",
    "Why can't you just answer here?",
    "Ok, I've emailed you.",
    "I already did that yesterday!!",
    "Fine, calling now.",
)
OUTBOUND_ANSWERS = (
    "Oh, thanks for letting me know!",
    "Thanks for the heads-up. What do I need to do?",
    "Seriously? This is the second time this year.",
    "Ok, that explains a lot. Can you fix it?",
    "I hadn't even noticed, thank you.",
)

# What agents say, by practice (SPEC section 4). Topic-specific practices come from the Topic.
PRACTICES = {
    "acknowledge": (
        "I can see the problem with {issue}.",
        "Thanks for explaining {issue} so clearly.",
        "You've been dealing with {issue}, and that's not okay.",
        "I've read through your message about {issue}.",
    ),
    "apologize": (
        "I'm sorry this happened.",
        "I'm really sorry about {issue}.",
        "I'm so sorry for the trouble this has caused you.",
        "I apologise, we should have caught this sooner.",
        "Sorry about this, {name}, it's on us.",
    ),
    "empathize": (
        "I understand how frustrating this must be.",
        "I can imagine how annoying it is to come home to a cold house.",
        "I know how stressful this is, especially after waiting {days} days.",
        "That sounds really frustrating, and I'd feel the same.",
        "I completely understand why you're upset.",
    ),
    "positive": (
        "I can sort this out for you right now.",
        "We'll get this fixed today.",
        "Here's what I can do for you.",
        "Your options are a full refund or a replacement, whichever you prefer.",
        "I'll take care of this personally.",
    ),
    "negative": (
        "We can't refund orders after 30 days.",
        "Unfortunately that's not possible.",
        "Our policy does not allow exceptions.",
        "There is nothing more we can do from our side.",
        "We are unable to change this.",
        "I can't help with that.",
    ),
    "doublespeak": (
        "We apologise for any inconvenience this may have caused.",
        "We are experiencing higher than normal volumes.",
        "We value your feedback.",
        "Your satisfaction is our top priority.",
        "We are currently looking into the matter and will take appropriate action as required.",
        "We regret that your experience did not meet your expectations.",
        "Thank you for your patience and understanding at this time.",
    ),
    "open_question": (
        "Could you tell me a bit more about what happened?",
        "What would be the best outcome for you?",
        "What have you tried so far?",
        "How would you like us to put this right?",
        "When did you first notice this?",
    ),
    "expectation": (
        "You'll hear from us {deadline}.",
        "This will be sorted {deadline}.",
        "I'll have an answer for you {deadline}.",
        "{specialist} will contact you {deadline}.",
    ),
    "follow_up_promise": (
        "I'll get back to you {deadline} with an update.",
        "I'll follow up with you {deadline}.",
        "I'll check on this and message you again {deadline}.",
        "Expect an update from me {deadline}.",
    ),
    "escalate_specialist": (
        "I'm passing this to {specialist} in our {specialist_team} team, who can fix this properly.",
        "I've escalated your case to our {specialist_team} specialists.",
        "I'm handing this over to {specialist}, a specialist in our {specialist_team} team.",
    ),
    "escalate_manager": (
        "I've asked my manager, {specialist}, to look at this today.",
        "I'm escalating this to our support manager, {specialist}.",
        "I've passed your case to {specialist}, who leads our team.",
    ),
    "redirect": (
        "Could you give us a call on our support line? It's quicker to sort this by phone.",
        "Please email us at help@heatcheck.example.com so we can verify your account.",
        "Could you reply from the email address on your account, so we can check it's you?",
    ),
    "closing": (
        "Let us know if there's anything else we can help with.",
        "If anything else comes up, just reply here.",
        "Feel free to reach out anytime.",
        "Let me know if there's anything else I can do.",
    ),
    "check_back": (
        "Just checking in: is everything working as expected now?",
        "Following up to make sure the refund arrived.",
        "I wanted to check that all is well since we fixed this.",
        "Checking back in, is the {product} behaving now?",
    ),
    "kept": ("As promised, here's the update.", "Following up as promised.", "Quick update, as I said I would:"),
    "late": (
        "Sorry for the slow reply.",
        "Apologies for the delay in getting back to you.",
        "I'm sorry, I should have updated you sooner.",
    ),
    "outbound": (
        "I'm contacting you because {outbound}",
        "Just a heads-up: {outbound}",
        "I wanted to let you know that {outbound}",
    ),
}
TWITTER_REDIRECTS = (
    "Please send us a DM with your order number so we can look into it.",
    "Can you DM us the email on your account? We'll take it from there.",
    "Please follow and DM us so we can check your account privately.",
)
INTERNAL_NOTES = (
    "Customer is very upset, handle with care.",
    "Checked the payment logs: the issue is confirmed.",
    "@{specialist_handle} can you take this one? Needs {specialist_team} access.",
    "Promised an update {deadline}, don't let this slip.",
    "Third contact about this, consider a goodwill credit.",
    "VIP account, keep Ruth in the loop.",
)
BOT_REPLIES = {
    "email": (
        "We've received your request and will get back to you within 1 business day. Your reference is #{number}.",
        "Thanks for contacting Heatcheck Support! We've received your request and an agent will reply soon.",
    ),
    "chat": (
        "Hi! I'm Heat, the virtual assistant. An agent will join this chat shortly.",
        "Thanks for waiting! All our agents are busy, someone will be with you soon.",
    ),
}
BOT_REPLIES["web"] = BOT_REPLIES["email"]
CUSTOMER_GREETINGS = ("Hi,", "Hello,", "Hi there,", "Dear Heatcheck team,", "Hey,")
CUSTOMER_SIGNOFFS = ("Thanks,\n{name}", "Regards,\n{name} {last}", "{name}", "Cheers,\n{name}\n\nSent from my iPhone")
AGENT_GREETINGS = {
    "email": ("Hi {name},", "Hello {name},", "Hi {name}, thanks for getting in touch."),
    "chat": ("Hi {name}!", "Hi {name}, {agent} here.", "Thanks for waiting, {name}."),
}
AGENT_GREETINGS["web"] = AGENT_GREETINGS["email"]
AGENT_SIGNOFFS = ("Best,\n{agent}\nHeatcheck Support", "Kind regards,\n{agent}", "Thanks,\n{agent} | Heatcheck Support")
