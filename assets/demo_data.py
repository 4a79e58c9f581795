"""Deterministic demo ticket exports for Heatcheck, a fictional smart-heating company.

Three help desks, three export formats (SPEC section 2):

- the main desk (email, web, chat) as canonical Parquet in `canonical/`;
- the "accounts" brand's Zendesk, synced by Fivetran, as CSV tables in `fivetran/`;
- the @HeatcheckHelp Twitter account in the Customer Support on Twitter layout, `twitter/`.

Every ticket is one conversation written by a scenario function (a kept promise, a broken one,
an escalation, a reopen, a customer left hanging...) from phrase pools, on a clock that moves
forward with heavy-tailed reply delays and agents who only answer in staffed hours. The same
arguments always give byte-identical files: one `random.Random(seed)` drives every choice, and
nothing reads the wall clock.
"""

from __future__ import annotations

import csv
import datetime
import math
import random
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

import polars as pl

UTC = datetime.timezone.utc
LOCAL = ZoneInfo("America/New_York")  # where the demo company's customers and agents live
TWITTER_HANDLE = "HeatcheckHelp"
EXPORT_SHARES = {"canonical": 70, "fivetran": 20, "twitter": 10}
CHANNEL_SHARES = {"email": 50, "web": 30, "chat": 20}
PRIORITY_SHARES = {"low": 20, "normal": 55, "high": 18, "urgent": 7}
# Relative ticket volume by weekday (Monday first) and by local hour.
DAY_VOLUME = (1.0, 0.95, 0.9, 0.9, 0.8, 0.35, 0.3)
WEEKDAY_HOURS = (2, 1, 1, 1, 1, 2, 4, 8, 14, 18, 19, 18, 15, 16, 17, 16, 14, 11, 9, 8, 7, 6, 4, 3)
WEEKEND_HOURS = (3, 2, 1, 1, 1, 1, 2, 4, 7, 10, 12, 12, 12, 11, 11, 10, 9, 9, 8, 8, 7, 6, 5, 4)
# Median minutes before an answer (an agent's first reply by priority, scaled by the channel's pace;
# a customer's by channel); each draw spreads around the median log-normally, so the tail is heavy.
AGENT_FIRST_REPLY = {"urgent": 25, "high": 60, "normal": 150, "low": 300}
AGENT_PACE = {"email": 1.0, "web": 1.0, "chat": 0.04, "twitter": 0.3}
CUSTOMER_REPLY = {"email": 120, "web": 120, "chat": 1.5, "twitter": 20}
LONGEST_PAUSE = datetime.timedelta(days=6)
CLOSE_AFTER = datetime.timedelta(days=4)  # Zendesk's default: solved tickets close after 4 days
# Day and month names spelled out, so the locale cannot change a timestamp's text.
WEEKDAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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
SPECIALIST_FOR = {"billing": "ines.v", "technical": "kofi.a", "shipping": "ines.v",
                  "returns": "ines.v", "accounts": "kofi.a"}
DESK_TEAMS = {"canonical": {"billing": 25, "technical": 35, "shipping": 25, "returns": 15},
              "fivetran": {"accounts": 75, "billing": 25},
              "twitter": {"billing": 20, "technical": 40, "shipping": 30, "returns": 5, "accounts": 5}}

FIRST_NAMES = ("Jordan", "Alex", "Sam", "Taylor", "Morgan", "Chris", "Jamie", "Pat", "Robin", "Casey",
               "Linda", "Mark", "Aisha", "Wei", "Carlos", "Fatima", "Tom", "Emily", "Noah", "Olivia",
               "Liam", "Zoe", "Mateo", "Hannah", "Kenji", "Priyanka", "Greg", "Rosa", "Ahmed", "Julia")
LAST_NAMES = ("Miller", "Nguyen", "Garcia", "Smith", "Brown", "Lee", "Wilson", "Lopez", "Clark", "Young",
              "Hall", "Khan", "Murphy", "Rivera", "Cohen", "Price", "Reed", "Foster", "Bell", "Ward")
PRODUCTS = ("Thermo 2 thermostat", "Thermo Mini", "room sensor", "radiator valve kit", "Heatcheck Hub",
            "smart boiler relay")
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
    Topic("double_charge", "billing", "problem",
          ("Charged twice this month", "Double charge on my card"),
          ("I was charged {amount} twice for my {plan} this month.",
           "My bank statement shows two payments of {amount} for the {plan} on the same day."),
          ("the double charge of {amount}", "being billed twice for your {plan}"),
          ("I've refunded the duplicate payment of {amount}; it will be back on your card in 3-5 business days.",
           "I've cancelled the second charge, so you'll see {amount} back on your card within 5 business days."),
          ("Sorry, but the second charge is a pending authorisation from your bank, not something we did.",
           "Sorry, but you clicked Pay twice at checkout, which is why there are two charges."),
          ("Will the refund arrive before my next statement?", "Can you send me an invoice that shows the refund?"),
          ("I've been charged twice AGAIN this month, {amount} both times.",
           "The double charge is back on this month's bill."),
          "we noticed two payments of {amount} on your account this month and want to refund the duplicate."),
    Topic("unexpected_renewal", "billing", "question",
          ("Renewed without my consent", "Unexpected renewal charge"),
          ("My {plan} renewed for {amount} even though I turned off auto-renew last month.",
           "I got charged {amount} for another year of the {plan}. I never agreed to that."),
          ("the renewal charge you didn't expect", "your {plan} renewing after you switched auto-renew off"),
          ("I've cancelled the renewal and refunded the full {amount}.",
           "I've moved you back to the free plan and refunded {amount}; you keep Plus features until the month ends."),
          ("Sorry, but you needed to cancel at least 7 days before the renewal date, as our terms say.",
           "Sorry, but auto-renew was still switched on in your account settings."),
          ("Does that mean my schedules get deleted when Plus ends?",
           "Will I lose my energy reports from last winter?"),
          ("You said the renewal was cancelled but I was charged {amount} again today.",),
          "your {plan} renews next week for {amount} and the card on file has expired."),
    Topic("hub_offline", "technical", "incident",
          ("Hub keeps going offline", "Thermostat offline since the update"),
          ("My {product} keeps going offline since the last app update, so the heating schedule doesn't run.",
           "The app says 'Hub offline' every evening and the house is freezing when we get home."),
          ("your {product} dropping offline", "the hub disconnecting since the update"),
          ("Here's a workaround that fixes this in most homes: unplug the hub for 30 seconds, hold the reset "
           "button for 10 seconds, then re-add it in the app under Settings > Devices.",
           "We've released firmware {version}, which fixes the disconnects. You can install it from "
           "Settings > Hub > Update."),
          ("Sorry, but this is caused by your router's settings, not by our hub.",
           "Sorry, but the hub has to be within 10 metres of the router, as the manual says."),
          ("Do I need to set up all my schedules again after the reset?", "What if the reset button does nothing?"),
          ("The hub is offline again, the fix only lasted {days} days.", "Same problem again since last night."),
          "our monitoring shows your {product} has been offline for {days} days and we'd like to help you "
          "reconnect it."),
    Topic("app_outage", "technical", "incident",
          ("App not loading", "Can't control my heating from the app"),
          ("The app just spins when I open it and I can't change the temperature.",
           "Since this morning the app shows 'Something went wrong' and none of my rooms load."),
          ("the app not loading your rooms", "not being able to control your heating from the app"),
          ("We had an outage this morning, which is fixed now. Please close the app fully and open it again.",
           "Please update to app version {version}, which fixes the loading error, then log out and back in."),
          ("Sorry, but you're on an old version of the app, which we no longer support.",
           "Sorry, but the problem is your phone's settings, not our app."),
          ("Did my schedule still run while the app was down?", "Do I have to do this on my partner's phone too?"),
          ("The app is stuck on the loading screen again.",),
          "a fault in app version {version} may have stopped your schedules, and it is fixed now."),
    Topic("wrong_temperature", "technical", "problem",
          ("Temperature reading is wrong", "Sensor shows the wrong temperature"),
          ("The {product} says 24 degrees but the room is clearly much colder.",
           "My {product} reads about 5 degrees too high, so the heating never comes on."),
          ("the wrong readings from your {product}",),
          ("You can recalibrate it: in the app open Rooms > {product} > Calibrate and enter the temperature "
           "from another thermometer.",
           "I'm sending you a replacement {product}; the batch yours came from has a known sensor fault."),
          ("Sorry, but you've mounted the sensor above the radiator, which the installation guide warns against.",),
          ("Where should I put the sensor instead?", "How long does the calibration take?"),
          ("The readings are off again after the calibration.",),
          "the {product} you bought comes from a batch with a sensor fault, and we'd like to replace it for free."),
    Topic("late_delivery", "shipping", "problem",
          ("Where is my order {order}?", "Order {order} not delivered"),
          ("My order {order} was supposed to arrive {days} days ago and the tracking hasn't moved.",
           "Still no sign of order {order}. The tracking has said 'in transit' for {days} days."),
          ("order {order} not arriving", "the delay with your order {order}"),
          ("I've sent a replacement by express delivery, tracking number {tracking}; it should be with you in 2 days.",
           "I've refunded the order in full, and if the original parcel turns up you can keep it."),
          ("Sorry, but you entered the wrong address at checkout, so the parcel went back to our warehouse.",
           "Sorry, but the carrier is responsible for delays, not us."),
          ("Do I need to be home to sign for it?", "What happens if the first parcel turns up as well?"),
          ("The replacement hasn't arrived either. Tracking {tracking} hasn't moved.",),
          "your order {order} is held up at our warehouse for about {days} days, and we wanted you to hear it "
          "from us."),
    Topic("damaged_item", "shipping", "problem",
          ("Arrived damaged", "Broken {product}"),
          ("My {product} arrived broken and the box was crushed.",
           "The {product} from order {order} was broken when I opened the box."),
          ("your {product} arriving damaged",),
          ("I've arranged a free replacement {product}; the courier will collect the broken one when it's delivered.",
           "I've sent a replacement by express and emailed you a prepaid label for the broken one."),
          ("Sorry, but damage has to be reported within 48 hours of delivery.",
           "Sorry, but the courier damaged it, so you'll need to claim from them."),
          ("Should I keep the broken one until the courier comes?", "Can I get the replacement in white instead?"),
          ("The replacement arrived damaged too. Seriously.",),
          "the {product} from order {order} may have been packed with a loose panel, so we're sending a new one."),
    Topic("return_label", "returns", "question",
          ("No return label", "Return for order {order}"),
          ("I asked to return my {product} {days} days ago and I still haven't received a return label.",
           "The return form for order {order} keeps failing and I have no label."),
          ("the missing return label for order {order}",),
          ("I've emailed you a prepaid return label just now; you can drop the parcel at any UPS point.",),
          ("Sorry, but you picked the wrong reason in the return form, so it was rejected.",),
          ("Do I need the original box?", "How long after drop-off do I get my money back?"),
          ("The new label doesn't work either, UPS won't accept it.",),
          "your return for order {order} got stuck in our system, so here is a fresh label."),
    Topic("refund_after_return", "returns", "problem",
          ("Refund not received", "Where is my refund?"),
          ("I sent the {product} back {days} days ago and I still don't have my refund of {amount}.",),
          ("the refund of {amount} for your returned {product}",),
          ("Your return is checked in and I've issued the refund of {amount} today; banks take 3-5 business days "
           "to show it.",),
          ("Sorry, but the item came back without its original packaging, so it took longer to process.",),
          ("Will the refund go to the same card?", "Why did it take so long?"),
          ("Still no refund, and your email said it was sent.",),
          "your refund of {amount} was delayed by a payment error, and it has now been sent."),
    Topic("locked_out", "accounts", "problem",
          ("Locked out of my account", "2FA code not arriving"),
          ("I'm locked out of my account because the 2FA code never arrives on my phone.",
           "I can't log in: it says my account is locked after too many attempts."),
          ("being locked out of your account",),
          ("I've unlocked your account and switched your two-factor codes to email; you can log in now.",
           "I've sent a one-time login link to the email on your account; it works for 30 minutes."),
          ("Sorry, but the wrong password was entered five times, which locks the account for security.",),
          ("How do I switch the codes back to my phone later?", "Will the others in my home keep access?"),
          ("Locked out again this morning, same problem.",),
          "we saw several failed logins on your account and locked it to keep it safe."),
    Topic("change_email", "accounts", "question",
          ("Change the email on my account", "Email change fails"),
          ("I need to change the email address on my account, but the form keeps saying 'invalid request'.",),
          ("the email change that keeps failing",),
          ("I've updated the email on your account; you'll get a confirmation at the new address.",),
          ("Sorry, but the new address is already used by another account.",),
          ("Will my invoices go to the new address too?",),
          ("The old email is back on my account, what happened?",),
          "the email address on your account bounces, so we'd like to check it with you."),
    Topic("password_reset", "accounts", "problem",
          ("Password reset link expired", "Can't reset my password"),
          ("The password reset link says it has expired every time I click it.",),
          ("the reset link expiring",),
          ("I've sent a fresh reset link that's valid for 24 hours; please open it in the browser you "
           "requested it in.",),
          ("Sorry, but you're clicking an old link; you need to use the newest email.",),
          ("Do I need to log in again on the thermostat itself?",),
          ("The new link has expired too.",),
          "a fault sent you expired reset links, and we've fixed it."),
)
TOPICS_BY_TEAM = {team: [t for t in TOPICS if t.team == team] for team in DESK_TEAMS["twitter"]}

# What customers say, by mood.
MOOD_LINES = {
    "calm": ("Could you help me with this?", "What should I do?", "Thanks in advance for your help.",
             "Any idea what's going on?"),
    "confused": ("I'm not sure what I'm supposed to do here.", "I don't understand what the app is telling me.",
                 "Sorry if this is a silly question, but how does this work?",
                 "I'm confused, the email said one thing and the app says another.", "Am I doing something wrong?"),
    "angry": ("This is RIDICULOUS.", "This is ridiculous, I've had enough.", "Worst service I have ever had.",
              "I am SO angry right now.", "Absolutely unacceptable. Fix it NOW.",
              "I've been waiting {days} days and NOBODY has helped me.", "How hard can it be???"),
    "sarcastic": ("Thanks for the {hours} hour delay, really appreciate it.",
                  "Great, another outage. Love paying for this.",
                  "Wow, what amazing service.", "Oh perfect, just what I needed this week.",
                  "Brilliant, my house is freezing but at least the app looks nice.", "Fantastic job as always, guys."),
    "churn": ("If this isn't fixed today I'll cancel my subscription.", "I want to cancel my subscription.",
              "I'm seriously thinking about switching to another brand.",
              "Give me one reason not to cancel my account.", "Cancel my subscription and refund me."),
    "manager": ("I want to speak to a manager.", "Put me through to your supervisor, please.",
                "I demand to talk to someone in charge.", "Get me a manager. Now."),
    "shaming": ("Everyone: do NOT buy from @HeatcheckHelp.", "Worst company ever, avoid Heatcheck.",
                "Telling everyone I know to stay away from you.", "Shame on you, this is how you treat customers."),
    "grateful": ("Love the thermostat otherwise!", "You've always been helpful, so I'm sure you can sort this.",
                 "Thanks, you're usually great."),
}
COMPLAINT_MOODS = ("angry", "sarcastic", "churn", "manager", "shaming")
MOOD_SHARES = {"calm": 34, "confused": 14, "angry": 18, "sarcastic": 10, "churn": 8, "manager": 5, "grateful": 11}
THANKS = ("Thank you so much, that fixed it!", "Thanks {agent}, that's sorted now.",
          "Great, thanks for the quick help.",
          "Ok that worked. Thanks for sorting this out.", "Really appreciate it, thank you!",
          "Thanks, much better now. Sorry for being short earlier.", "Perfect, thank you for being so patient with me.")
ANGRIER = ("So it's MY fault now? Unbelievable.", "That's not an answer. This is ridiculous.",
           "Worst service ever. I'm done.", "I don't care about your policy, I want this fixed.",
           "Stop copy-pasting and actually read my message!", "I want to speak to a manager.",
           "Cancel my subscription. I'm going to a competitor.", "Are you even reading what I write???")
CHASES = ("Any update? You said I'd hear back {deadline}.", "Still waiting. It's been {days} days now.",
          "Hello?? Is anyone there?", "I was promised an update {deadline} and have heard nothing.",
          "Following up again. Nobody has got back to me.")
ANSWERS = ("It happens every time I try, since about {days} days ago.", "I tried that already, no change.",
           "I'm on an iPhone 13 with the latest app, if that matters.", "It started after the update last week.",
           "Nothing changed on my side, it just started one morning.", "I'd just like it to work like it did before.")
HANGING_QUESTIONS = ("And what about my money?", "Ok, but when exactly will that happen?",
                     "Can you confirm that's actually done?", "What do I do if it happens again?")
REDIRECT_ANSWERS = ("Sent you a DM.", "Why can't you just answer here?", "Ok, I've emailed you.",
                    "I already did that yesterday!!", "Fine, calling now.")
OUTBOUND_ANSWERS = ("Oh, thanks for letting me know!", "Thanks for the heads-up. What do I need to do?",
                    "Seriously? This is the second time this year.", "Ok, that explains a lot. Can you fix it?",
                    "I hadn't even noticed, thank you.")

# What agents say, by practice (SPEC section 4). Topic-specific practices come from the Topic.
PRACTICES = {
    "acknowledge": ("I can see the problem with {issue}.", "Thanks for explaining {issue} so clearly.",
                    "You've been dealing with {issue}, and that's not okay.",
                    "I've read through your message about {issue}."),
    "apologize": ("I'm sorry this happened.", "I'm really sorry about {issue}.",
                  "I'm so sorry for the trouble this has caused you.",
                  "I apologise, we should have caught this sooner.", "Sorry about this, {name}, it's on us."),
    "empathize": ("I understand how frustrating this must be.",
                  "I can imagine how annoying it is to come home to a cold house.",
                  "I know how stressful this is, especially after waiting {days} days.",
                  "That sounds really frustrating, and I'd feel the same.",
                  "I completely understand why you're upset."),
    "positive": ("I can sort this out for you right now.", "We'll get this fixed today.",
                 "Here's what I can do for you.",
                 "Your options are a full refund or a replacement, whichever you prefer.",
                 "I'll take care of this personally."),
    "negative": ("We can't refund orders after 30 days.", "Unfortunately that's not possible.",
                 "Our policy does not allow exceptions.", "There is nothing more we can do from our side.",
                 "We are unable to change this.", "I can't help with that."),
    "doublespeak": ("We apologise for any inconvenience this may have caused.",
                    "We are experiencing higher than normal volumes.", "We value your feedback.",
                    "Your satisfaction is our top priority.",
                    "We are currently looking into the matter and will take appropriate action as required.",
                    "We regret that your experience did not meet your expectations.",
                    "Thank you for your patience and understanding at this time."),
    "open_question": ("Could you tell me a bit more about what happened?",
                      "What would be the best outcome for you?", "What have you tried so far?",
                      "How would you like us to put this right?", "When did you first notice this?"),
    "expectation": ("You'll hear from us {deadline}.", "This will be sorted {deadline}.",
                    "I'll have an answer for you {deadline}.", "{specialist} will contact you {deadline}."),
    "follow_up_promise": ("I'll get back to you {deadline} with an update.", "I'll follow up with you {deadline}.",
                          "I'll check on this and message you again {deadline}.",
                          "Expect an update from me {deadline}."),
    "escalate_specialist": ("I'm passing this to {specialist} in our {specialist_team} team, "
                            "who can fix this properly.",
                            "I've escalated your case to our {specialist_team} specialists.",
                            "I'm handing this over to {specialist}, a specialist in our {specialist_team} team."),
    "escalate_manager": ("I've asked my manager, {specialist}, to look at this today.",
                         "I'm escalating this to our support manager, {specialist}.",
                         "I've passed your case to {specialist}, who leads our team."),
    "redirect": ("Could you give us a call on our support line? It's quicker to sort this by phone.",
                 "Please email us at help@heatcheck.example.com so we can verify your account.",
                 "Could you reply from the email address on your account, so we can check it's you?"),
    "closing": ("Let us know if there's anything else we can help with.", "If anything else comes up, just reply here.",
                "Feel free to reach out anytime.", "Let me know if there's anything else I can do."),
    "check_back": ("Just checking in: is everything working as expected now?",
                   "Following up to make sure the refund arrived.",
                   "I wanted to check that all is well since we fixed this.",
                   "Checking back in, is the {product} behaving now?"),
    "kept": ("As promised, here's the update.", "Following up as promised.", "Quick update, as I said I would:"),
    "late": ("Sorry for the slow reply.", "Apologies for the delay in getting back to you.",
             "I'm sorry, I should have updated you sooner."),
    "outbound": ("I'm contacting you because {outbound}", "Just a heads-up: {outbound}",
                 "I wanted to let you know that {outbound}"),
}
TWITTER_REDIRECTS = ("Please send us a DM with your order number so we can look into it.",
                     "Can you DM us the email on your account? We'll take it from there.",
                     "Please follow and DM us so we can check your account privately.")
INTERNAL_NOTES = ("Customer is very upset, handle with care.", "Checked the payment logs: the issue is confirmed.",
                  "@{specialist_handle} can you take this one? Needs {specialist_team} access.",
                  "Promised an update {deadline}, don't let this slip.",
                  "Third contact about this, consider a goodwill credit.", "VIP account, keep Ruth in the loop.")
BOT_REPLIES = {"email": ("We've received your request and will get back to you within 1 business day. "
                         "Your reference is #{number}.",
                         "Thanks for contacting Heatcheck Support! We've received your request and an agent "
                         "will reply soon."),
               "chat": ("Hi! I'm Heat, the virtual assistant. An agent will join this chat shortly.",
                        "Thanks for waiting! All our agents are busy, someone will be with you soon.")}
BOT_REPLIES["web"] = BOT_REPLIES["email"]
CUSTOMER_GREETINGS = ("Hi,", "Hello,", "Hi there,", "Dear Heatcheck team,", "Hey,")
CUSTOMER_SIGNOFFS = ("Thanks,\n{name}", "Regards,\n{name} {last}", "{name}", "Cheers,\n{name}\n\nSent from my iPhone")
AGENT_GREETINGS = {"email": ("Hi {name},", "Hello {name},", "Hi {name}, thanks for getting in touch."),
                   "chat": ("Hi {name}!", "Hi {name}, {agent} here.", "Thanks for waiting, {name}.")}
AGENT_GREETINGS["web"] = AGENT_GREETINGS["email"]
AGENT_SIGNOFFS = ("Best,\n{agent}\nHeatcheck Support", "Kind regards,\n{agent}", "Thanks,\n{agent} | Heatcheck Support")


@dataclass(frozen=True)
class Customer:
    number: int
    first: str
    last: str

    @property
    def email(self) -> str:
        return f"{self.first}.{self.last}{self.number}@example.com".lower()


@dataclass
class Message:
    at: datetime.datetime  # UTC
    role: str  # customer | agent | bot
    agent: Agent | None
    body: str
    public: bool = True


@dataclass
class Ticket:
    """A finished conversation, ready for any of the writers."""

    number: int
    desk: str  # canonical | fivetran | twitter
    channel: str
    priority: str
    team: str
    topic: Topic
    customer: Customer
    subject: str
    tags: list[str]
    messages: list[Message]
    statuses: list[tuple[str, datetime.datetime]]
    assignments: list[tuple[Agent, datetime.datetime]]
    csat: str | None = None

    @property
    def created_at(self) -> datetime.datetime:
        return self.messages[0].at

    @property
    def updated_at(self) -> datetime.datetime:
        return max([self.messages[-1].at] + [at for _, at in self.statuses])

    @property
    def assignee(self) -> Agent | None:
        return self.assignments[-1][0] if self.assignments else None


@lru_cache(maxsize=None)
def _holidays(year: int) -> frozenset[datetime.date]:
    """US public holidays the demo desk observes: fewer tickets, weekend staffing."""
    def nth_weekday(month: int, weekday: int, n: int) -> datetime.date:
        first = datetime.date(year, month, 1)
        return first + datetime.timedelta((weekday - first.weekday()) % 7 + 7 * (n - 1))
    memorial = datetime.date(year, 5, 31) - datetime.timedelta(datetime.date(year, 5, 31).weekday())
    return frozenset({datetime.date(year, 1, 1), memorial, datetime.date(year, 7, 4), nth_weekday(9, 0, 1),
                      nth_weekday(11, 3, 4), datetime.date(year, 12, 25)})


def _is_day_off(day: datetime.date) -> bool:
    return day.weekday() >= 5 or day in _holidays(day.year)


def _staffed(at: datetime.datetime) -> bool:
    """Agents work 8-20 on weekdays and a skeleton shift 10-16 on weekends and holidays."""
    local = at.astimezone(LOCAL)
    opens, closes = (10, 16) if _is_day_off(local.date()) else (8, 20)
    return opens <= local.hour < closes


def _choose(rng: random.Random, shares: dict[str, float]) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


class Conversation:
    """One ticket being written, message by message, on a clock that only moves forward."""

    def __init__(self, rng: random.Random, number: int, desk: str, created_at: datetime.datetime,
                 customer: Customer, outage: bool):
        self.rng = rng
        self.number, self.desk, self.customer, self.now = number, desk, customer, created_at
        self.channel = "twitter" if desk == "twitter" else _choose(rng, CHANNEL_SHARES)
        team = _choose(rng, DESK_TEAMS[desk])
        topics = TOPICS_BY_TEAM[team]
        if outage and desk != "fivetran" and rng.random() < 0.6:
            team, topics = "technical", [t for t in TOPICS if t.key == "app_outage"]
        self.team, self.topic = team, rng.choice(topics)
        moods = dict(MOOD_SHARES, shaming=15) if self.channel == "twitter" else dict(MOOD_SHARES)
        if outage:
            moods.update(sarcastic=30, angry=30)
        self.mood = _choose(rng, moods)
        self.priority = _choose(rng, PRIORITY_SHARES)
        if self.complaint and self.priority in ("low", "normal") and rng.random() < 0.4:
            self.priority = "high"
        # The Twitter account is staffed from every team; the manager only takes escalations there.
        self.assignee = rng.choice([a for a in AGENTS if (a.team == team if desk != "twitter" else a != MANAGER)])
        self.caring = rng.random() < self.assignee.care
        self.happy: bool | None = None
        self.due: datetime.datetime | None = None
        self.messages: list[Message] = []
        self.statuses = [("new", created_at)]
        self.assignments = [(self.assignee, created_at)]
        self.tags = [self.topic.key] + (["outage"] if outage and self.topic.key == "app_outage" else [])
        if rng.random() < 0.05:
            self.tags.append("vip")
        self.details = self._details()

    @property
    def complaint(self) -> bool:
        return self.mood in COMPLAINT_MOODS

    @property
    def status(self) -> str:
        return self.statuses[-1][0]

    def _details(self) -> dict[str, object]:
        """The particulars this ticket's phrases are filled with."""
        rng = self.rng
        details = {
            "order": f"#HC-{rng.randint(10000, 99999)}", "product": rng.choice(PRODUCTS), "plan": rng.choice(PLANS),
            "amount": f"${rng.choice((9, 12, 19, 49, 79, 129, 189))}.{rng.choice(('00', '50', '99'))}",
            "days": rng.randint(2, 12), "hours": rng.randint(2, 9), "tracking": f"1Z{rng.randint(10**9, 10**10 - 1)}",
            "version": f"4.{rng.randint(2, 9)}.{rng.randint(0, 12)}", "number": self.number,
            "name": self.customer.first, "last": self.customer.last, "agent": self.assignee.first,
            "deadline": "tomorrow", "specialist": MANAGER.first, "specialist_team": "escalations",
            "specialist_handle": MANAGER.handle,
        }
        details["issue"] = rng.choice(self.topic.issues).format_map(details)
        details["outbound"] = self.topic.outbound.format_map(details)
        return details

    def say(self, pool: tuple[str, ...]) -> str:
        """One phrase from a pool, filled with this ticket's particulars."""
        return self.rng.choice(pool).format_map(self.details)

    def pause(self, median_minutes: float, spread: float = 1.2) -> datetime.timedelta:
        """A log-normal wait: mostly near the median, now and then days longer."""
        minutes = median_minutes * math.exp(self.rng.gauss(0, spread))
        return min(datetime.timedelta(seconds=max(20, round(minutes * 60))), LONGEST_PAUSE)

    def next_staffed(self, at: datetime.datetime) -> datetime.datetime:
        """The first moment at or after `at` when an agent is at a desk."""
        if _staffed(at):
            return at
        while not _staffed(at):
            at = at.replace(minute=0, second=0) + datetime.timedelta(hours=1)
        return at + datetime.timedelta(seconds=self.rng.randrange(60, 2700))

    def _add(self, role: str, agent: Agent | None, body: str, public: bool = True) -> None:
        # Whole seconds, strictly after the previous message: every export format can say when.
        self.now = self.now.replace(microsecond=0)
        if self.messages and self.now <= self.messages[-1].at:
            self.now = self.messages[-1].at + datetime.timedelta(seconds=1)
        self.messages.append(Message(self.now, role, agent, body, public))

    def set_status(self, status: str) -> None:
        """Record a status change now; setting the current status again changes nothing."""
        if status != self.status:
            self.statuses.append((status, self.now))

    def reassign(self, agent: Agent) -> None:
        """Hand the ticket to another agent from now on (a handoff)."""
        self.assignee = agent
        self.assignments.append((agent, self.now))

    # --- customers -------------------------------------------------------------------------

    def customer_opens(self) -> None:
        """The first message: the problem in the customer's mood, sometimes with personal data."""
        rng, mood = self.rng, self.mood
        problem = self.say(self.topic.problems)
        if mood == "angry" and rng.random() < 0.2:
            problem = problem.upper()  # some customers shout the whole thing
        count = 1 if mood == "grateful" else rng.randint(0, 1) if mood == "calm" else rng.randint(1, 2)
        feelings = [line.format_map(self.details) for line in rng.sample(MOOD_LINES[mood], count)]
        if mood in ("churn", "manager", "shaming") and rng.random() < 0.5:
            feelings.insert(0, self.say(MOOD_LINES["angry"]))
        lines = feelings + [problem] if mood in ("sarcastic", "angry") and rng.random() < 0.4 else [problem] + feelings
        lines += self._personal_data()
        self._add("customer", None, self._customer_body(" ".join(lines), opening=True))

    def _personal_data(self) -> list[str]:
        """What customers paste in without being asked, and reports must redact."""
        roll, rng = self.rng.random(), self.rng
        if roll < 0.04:
            return [f"You can call me on +1 {rng.choice((415, 212, 646, 303, 512))} 555 01{rng.randint(10, 99)}."]
        if roll < 0.07:
            address = f"{self.customer.first.lower()}.{rng.randint(10, 99)}@example.net"
            return [f"Please reply to my other address, {address}."]
        if roll < 0.074:
            return ["My card is 4111 1111 1111 1111 if that helps you find the payment."]
        return []

    def _customer_body(self, text: str, opening: bool = False) -> str:
        if self.channel == "twitter":
            return textwrap.shorten(text, 264, placeholder="...")  # room for the @mention in 280
        if self.channel == "email" and opening:
            return f"{self.say(CUSTOMER_GREETINGS)}\n\n{text}\n\n{self.say(CUSTOMER_SIGNOFFS)}"
        if self.channel == "email" and self.rng.random() < 0.15:
            return text + self._quoted_reply()
        return text

    def _quoted_reply(self) -> str:
        """The history an e-mail client quotes under a reply, which body cleaning must strip."""
        last_agent = next((m for m in reversed(self.messages) if m.role == "agent" and m.public), None)
        if last_agent is None:
            return ""
        local = last_agent.at.astimezone(LOCAL)
        when = f"{WEEKDAY_ABBR[local.weekday()]}, {local.day} {MONTH_ABBR[local.month - 1]} {local:%Y at %H:%M}"
        quoted = "\n".join("> " + line for line in last_agent.body.splitlines())
        return f"\n\nOn {when}, Heatcheck Support wrote:\n{quoted}"

    def customer_replies(self, pool: tuple[str, ...], delay: datetime.timedelta | None = None) -> None:
        """A customer reply; it reopens a pending or solved ticket, as Zendesk does."""
        self.now += delay if delay is not None else self.pause(CUSTOMER_REPLY[self.channel], 1.3)
        self._add("customer", None, self._customer_body(self.say(pool)))
        if self.status in ("pending", "solved"):
            self.set_status("open")

    def react(self) -> None:
        """The customer's answer to a fix: thanks after care, anger after carelessness."""
        self.happy = self.caring
        if self.caring and self.rng.random() < 0.75:
            self.customer_replies(THANKS)
        elif not self.caring and self.rng.random() < 0.7:
            self.customer_replies(ANGRIER)

    # --- agents ----------------------------------------------------------------------------

    def opening(self) -> list[str]:
        """How the agent starts a reply: acknowledging and apologising, or blaming and hedging."""
        rng = self.rng
        if self.caring:
            parts = ["acknowledge"]
            parts += ["apologize"] if self.complaint or rng.random() < 0.4 else []
            parts += ["empathize"] if self.complaint and rng.random() < 0.6 else []
            parts += ["positive"] if rng.random() < 0.5 else []
            return parts
        parts = [p for p, chance in (("doublespeak", 0.6), ("blame", 0.4), ("negative", 0.4)) if rng.random() < chance]
        return parts or ["doublespeak"]

    def agent_replies(self, practices: list[str], agent: Agent | None = None, status: str | None = None,
                      delay: datetime.timedelta | None = None) -> None:
        """A public agent reply built from practices; it lands in staffed hours unless timed."""
        agent = agent or self.assignee
        if delay is None:
            first = not any(m.role == "agent" for m in self.messages)
            median = AGENT_FIRST_REPLY[self.priority] if first else 90
            self.now = self.next_staffed(self.now + self.pause(median * AGENT_PACE[self.channel]))
        else:
            self.now += delay
        if {"follow_up_promise", "expectation"} & set(practices):
            self.details["deadline"], self.due = self._deadline()
        self.details["agent"] = agent.first
        sentences = [self._phrase(p) for p in dict.fromkeys(practices)]  # one sentence per practice
        self._add("agent", agent, self._agent_body(sentences, agent))
        self.set_status(status or ("open" if self.status == "new" else self.status))

    def _phrase(self, practice: str) -> str:
        topical = {"solution": self.topic.solutions, "blame": self.topic.blames}
        if practice == "redirect" and self.channel == "twitter":
            return self.say(TWITTER_REDIRECTS)
        return self.say(topical.get(practice) or PRACTICES[practice])

    def _agent_body(self, sentences: list[str], agent: Agent) -> str:
        if self.channel == "twitter":
            return self._tweet(sentences, agent)
        text = " ".join(sentences)
        greeting = self.say(AGENT_GREETINGS[self.channel])
        if self.channel == "chat":
            return f"{greeting} {text}"
        return f"{greeting}\n\n{text}\n\n{self.say(AGENT_SIGNOFFS)}"

    @staticmethod
    def _tweet(sentences: list[str], agent: Agent) -> str:
        """Fit a reply in a tweet: the opening sentences go first, the substance stays."""
        sign = f" -{agent.initials}"
        while len(sentences) > 1 and len(" ".join(sentences) + sign) > 270:
            sentences = sentences[1:]
        return " ".join(sentences)[: 270 - len(sign)] + sign

    def note(self, pool: tuple[str, ...] = INTERNAL_NOTES) -> None:
        """A private internal note; Twitter has none."""
        if self.channel != "twitter":
            self.now += datetime.timedelta(seconds=self.rng.randrange(30, 900))
            self._add("agent", self.assignee, self.say(pool), public=False)

    def bot_acknowledges(self) -> None:
        """The auto-reply some channels send; only the main desk's export records it."""
        if self.desk == "canonical" and self.rng.random() < 0.45:
            self.now += datetime.timedelta(seconds=self.rng.randrange(3, 40))
            self._add("bot", None, self.say(BOT_REPLIES[self.channel]))

    def solve(self) -> None:
        """The agent marks the ticket solved, without a message, at the next staffed moment."""
        self.now = self.next_staffed(self.now + self.pause(30))
        self.set_status("solved")

    def check_back(self) -> None:
        """After a solved complaint, a careful agent checks in a day or two later."""
        if self.complaint and self.rng.random() < (0.55 if self.caring else 0.15):
            back = self.next_staffed(self.now + self.pause(36 * 60, 0.4))
            self.agent_replies(["check_back"], delay=back - self.now)

    def escalate(self, to_manager: bool) -> None:
        """Hand the case over: an escalation message, a private note and a new assignee."""
        target = MANAGER if to_manager else AGENT_BY_HANDLE[SPECIALIST_FOR[self.team]]
        if target == self.assignee:
            target = MANAGER
        self.details.update(specialist=target.first, specialist_team=target.team, specialist_handle=target.handle)
        pool = "escalate_manager" if target == MANAGER else "escalate_specialist"
        self.agent_replies(["acknowledge", "apologize", pool, "expectation"], status="hold")
        self.note()
        self.reassign(target)

    def _deadline(self) -> tuple[str, datetime.datetime]:
        """A concrete timeline the agent can name now, and the moment it runs out."""
        local = self.now.astimezone(LOCAL)

        def at_five(day: datetime.date) -> datetime.datetime:
            return datetime.datetime.combine(day, datetime.time(17), LOCAL).astimezone(UTC)

        business = local.date()
        for _ in range(2):
            business += datetime.timedelta(days=1)
            while _is_day_off(business):
                business += datetime.timedelta(days=1)
        options = [("within 24 hours", self.now + datetime.timedelta(hours=24)),
                   ("in 2 business days", at_five(business)),
                   ("tomorrow", at_five(local.date() + datetime.timedelta(days=1)))]
        if local.hour < 13:
            options.append(("by end of day", at_five(local.date())))
        if local.weekday() <= 2:
            options.append(("by Friday", at_five(local.date() + datetime.timedelta(days=4 - local.weekday()))))
        return self.rng.choice(options)

    def before_due(self) -> datetime.timedelta:
        """A wait that ends comfortably before the promised deadline."""
        early = self.now + (self.due - self.now) * self.rng.uniform(0.2, 0.75)
        staffed = self.next_staffed(early)
        return (staffed if staffed < self.due - datetime.timedelta(minutes=30) else early) - self.now

    def past_due(self, median_hours: float) -> datetime.timedelta:
        """A wait that ends hours or days after the promised deadline."""
        return max(self.now, self.due) + self.pause(median_hours * 60, 0.8) - self.now


# --- scenarios: each writes one whole conversation -----------------------------------------------

def solved_first_reply(c: Conversation) -> None:
    """One touch: the first reply fixes it; a caring reply usually earns thanks."""
    c.customer_opens()
    c.bot_acknowledges()
    c.agent_replies(c.opening() + ["solution", "closing"], status="pending")
    c.react()
    c.solve()
    c.check_back()


def solved_after_questions(c: Conversation) -> None:
    """Two touches: an open question first, then the fix."""
    c.customer_opens()
    c.bot_acknowledges()
    c.agent_replies(c.opening() + ["open_question"], status="pending")
    c.customer_replies(ANSWERS)
    c.agent_replies(["solution", "closing"], status="pending")
    c.react()
    c.solve()
    c.check_back()


def promise_kept(c: Conversation) -> None:
    """The agent names a deadline and writes again before it passes."""
    c.caring = True
    c.customer_opens()
    c.bot_acknowledges()
    c.agent_replies(c.opening() + ["follow_up_promise"], status="open")
    if c.rng.random() < 0.3:
        c.note()
    c.agent_replies(["kept", "solution", "closing"], status="pending", delay=c.before_due())
    c.react()
    c.solve()
    c.check_back()


def promise_broken(c: Conversation) -> None:
    """The deadline passes in silence; the customer chases; the answer comes late, or never."""
    c.customer_opens()
    c.bot_acknowledges()
    c.agent_replies(c.opening() + ["follow_up_promise"], status="open")
    c.customer_replies(CHASES, delay=c.past_due(4))
    if c.rng.random() < 0.5:
        c.customer_replies(ANGRIER + MOOD_LINES["churn"], delay=c.pause(20 * 60, 0.6))
    if c.rng.random() < 0.8:
        c.agent_replies(["late", "solution" if c.caring else "doublespeak", "closing"], status="pending",
                        delay=c.next_staffed(c.now + c.pause(26 * 60, 0.7)) - c.now)
        c.react()
        c.solve()
    else:
        c.happy = False


def escalated(c: Conversation) -> None:
    """Handed to a specialist or the manager, who takes over and fixes it."""
    c.customer_opens()
    c.bot_acknowledges()
    c.escalate(to_manager=c.mood == "manager" or c.rng.random() < 0.25)
    c.caring = c.rng.random() < c.assignee.care
    c.agent_replies(["solution", "closing"], status="pending")
    c.react()
    c.solve()
    c.check_back()


def reopened(c: Conversation) -> None:
    """Solved, back again a few days later (solved -> open -> solved), solved for good."""
    c.caring = True
    c.customer_opens()
    c.agent_replies(c.opening() + ["solution", "closing"], status="solved")
    # Back within the days before Zendesk closes a solved ticket; later it would be a new ticket.
    c.customer_replies(c.topic.agains, delay=min(c.pause(30 * 60, 0.6), CLOSE_AFTER - datetime.timedelta(hours=12)))
    if c.rng.random() < 0.4:
        c.reassign(c.rng.choice([a for a in AGENTS if a.team == c.team and a != c.assignee] or [MANAGER]))
    c.agent_replies(["apologize", "solution", "closing"], status="pending")
    c.react()
    c.solve()
    c.check_back()


def left_hanging(c: Conversation) -> None:
    """The conversation ends on a customer's question nobody answers."""
    c.customer_opens()
    c.bot_acknowledges()
    if c.rng.random() < 0.4:
        c.agent_replies(c.opening() + ["open_question"], status="pending")
        c.customer_replies(ANSWERS)
        c.agent_replies(["solution"], status="solved")
    else:
        c.agent_replies(c.opening() + c.rng.choice((["solution"], ["solution", "closing"])), status="pending")
    c.customer_replies(c.topic.questions + HANGING_QUESTIONS)
    c.happy = False


def never_answered(c: Conversation) -> None:
    """No agent ever writes; sometimes the customer tries again."""
    c.customer_opens()
    c.bot_acknowledges()
    if c.rng.random() < 0.5 or c.channel == "twitter":
        c.customer_replies(("Hello?? Is anyone there?", "Anyone? Still waiting on this.",
                            "Is this inbox even monitored?"), delay=c.pause(20 * 60, 1.0))
    if c.rng.random() < 0.6:
        c.assignments.clear()  # nobody even picked it up
    c.happy = False


def went_badly(c: Conversation) -> None:
    """A complaint met with blame, refusals and doublespeak: the customer ends angrier."""
    c.caring = False
    if not c.complaint:
        c.mood = c.rng.choice(("angry", "sarcastic", "churn"))
    c.customer_opens()
    c.bot_acknowledges()
    c.agent_replies(c.opening() + c.rng.choice((["negative"], ["open_question"], ["doublespeak", "closing"])),
                    status="pending")
    c.customer_replies(ANGRIER)
    if c.rng.random() < 0.3:
        c.escalate(to_manager=True)
        c.agent_replies(["apologize", "solution"], status="pending")
        c.customer_replies(("Fine. But I'm still cancelling.", "Took you long enough.", "Too little, too late."))
    else:
        c.agent_replies(["doublespeak", "negative"])
        c.customer_replies(("Cancel my subscription. Worst service ever.", "I'll be telling everyone about this.",
                            "Forget it. I'm going to a competitor.", "Unbelievable. I want to speak to a manager."))
    if c.rng.random() < 0.5:
        c.solve()
    c.happy = False


def agent_outbound(c: Conversation) -> None:
    """The company writes first about a problem it found; out of hours it is a customer's ticket."""
    if not _staffed(c.now):
        solved_first_reply(c)
        return
    c.mood = "calm"
    c.caring = True
    c.agent_replies(["outbound", "positive", "closing"], status="pending", delay=datetime.timedelta(0))
    c.customer_replies(OUTBOUND_ANSWERS)
    c.agent_replies(["solution", "closing"], status="pending")
    c.react()
    c.solve()


def redirected(c: Conversation) -> None:
    """Sent to DM, e-mail or phone; what happens there is not in the export."""
    c.customer_opens()
    c.bot_acknowledges()
    c.agent_replies((["apologize"] if c.caring else []) + ["redirect"], status="solved")
    if c.rng.random() < 0.6:
        c.customer_replies(REDIRECT_ANSWERS)
        if c.rng.random() < 0.5:
            c.agent_replies(["redirect"], status="solved")


SCENARIOS = {
    "canonical": {solved_first_reply: 22, solved_after_questions: 12, promise_kept: 11, promise_broken: 9,
                  escalated: 9, reopened: 7, left_hanging: 8, never_answered: 5, went_badly: 9,
                  agent_outbound: 4, redirected: 4},
    "twitter": {solved_first_reply: 15, solved_after_questions: 10, promise_kept: 5, promise_broken: 5,
                escalated: 3, reopened: 2, left_hanging: 12, never_answered: 8, went_badly: 12,
                agent_outbound: 3, redirected: 25},
}
SCENARIOS["fivetran"] = SCENARIOS["canonical"]


def _ticket(c: Conversation, cutoff: datetime.datetime) -> Ticket:
    """Close solved tickets as Zendesk would, then cut everything after the export moment."""
    if c.status == "solved":
        closes = max(c.statuses[-1][1], c.messages[-1].at) + CLOSE_AFTER
        c.statuses.append(("closed", closes))
    messages = [m for m in c.messages if m.at <= cutoff]
    statuses = [s for s in c.statuses if s[1] <= cutoff]
    if c.channel == "twitter":
        messages = messages[:8]  # TWCS threads in the demo run from 2 to 8 tweets
    csat = None
    if statuses[-1][0] in ("solved", "closed") and c.rng.random() < 0.45:
        happy = c.happy if c.rng.random() < 0.9 else not c.happy
        csat = "good" if happy else "bad"
    subject = c.say(c.topic.subjects)
    return Ticket(c.number, c.desk, c.channel, c.priority, c.team, c.topic, c.customer, subject, c.tags,
                  messages, statuses, [a for a in c.assignments if a[1] <= cutoff], csat)


def _creation_times(rng: random.Random, count: int, start: datetime.date, weeks: int) -> list[datetime.datetime]:
    """Ticket arrival times: busy weekday mornings, quiet weekends and holidays, some at night."""
    days = [start + datetime.timedelta(days=d) for d in range(weeks * 7)]
    # Volume grows a little week on week, so the weekly report has something rising.
    volume = [DAY_VOLUME[d.weekday()] * (0.4 if d in _holidays(d.year) else 1.0) * (1 + 0.02 * (i // 7))
              for i, d in enumerate(days)]
    times = []
    for day in rng.choices(days, weights=volume, k=count):
        hours = WEEKEND_HOURS if _is_day_off(day) else WEEKDAY_HOURS
        hour = rng.choices(range(24), weights=hours)[0]
        local = datetime.datetime(day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60),
                                  tzinfo=LOCAL)
        times.append(local.astimezone(UTC))
    return sorted(times)


def build_tickets(seed: int, tickets: int, weeks: int, start: datetime.date) -> list[Ticket]:
    """Every demo ticket, in creation order, each written by a scenario for its desk."""
    rng = random.Random(seed)
    cutoff = datetime.datetime.combine(start + datetime.timedelta(weeks=weeks), datetime.time(9), LOCAL)
    # A two-day app outage two thirds of the way in gives the report a spike to find.
    outage_start = start + datetime.timedelta(weeks=weeks * 2 // 3, days=1)
    customers = max(50, tickets * 3 // 4)  # fewer customers than tickets: some write again
    built = []
    for number, created_at in enumerate(_creation_times(rng, tickets, start, weeks), start=1):
        n = rng.randrange(1, customers + 1)
        customer = Customer(n, FIRST_NAMES[n % len(FIRST_NAMES)], LAST_NAMES[n // len(FIRST_NAMES) % len(LAST_NAMES)])
        desk = _choose(rng, EXPORT_SHARES)
        local_day = created_at.astimezone(LOCAL).date()
        outage = outage_start <= local_day < outage_start + datetime.timedelta(days=2)
        conversation = Conversation(rng, number, desk, created_at, customer, outage)
        scenarios = SCENARIOS[desk]
        rng.choices(list(scenarios), weights=list(scenarios.values()))[0](conversation)
        built.append(_ticket(conversation, cutoff))
    return built


# --- writers -----------------------------------------------------------------------------------

TIMESTAMP = pl.Datetime("us", "UTC")
CANONICAL_TICKET_SCHEMA = {
    "ticket_id": pl.String, "source": pl.String, "created_at": TIMESTAMP, "updated_at": TIMESTAMP,
    "status": pl.String, "priority": pl.String, "channel": pl.String, "subject": pl.String,
    "requester_id": pl.String, "assignee_id": pl.String, "team": pl.String, "tags": pl.List(pl.String),
    "csat": pl.String,
}
CANONICAL_MESSAGE_SCHEMA = {
    "message_id": pl.String, "ticket_id": pl.String, "author_id": pl.String, "author_role": pl.String,
    "is_public": pl.Boolean, "created_at": TIMESTAMP, "body": pl.String,
}
CANONICAL_STATUS_SCHEMA = {"ticket_id": pl.String, "status": pl.String, "changed_at": TIMESTAMP}


def _canonical_author(message: Message, ticket: Ticket) -> str:
    if message.role == "agent":
        return f"agent:{message.agent.handle}"
    if message.role == "bot":
        return "bot:heatcheck-auto-reply"
    return f"cust:{ticket.customer.number}"


def _mojibake(text: str) -> str:
    """Curly apostrophes decoded as Windows-1252, as a badly configured mail gateway does."""
    return text.replace("'", "\u2019").encode("utf-8").decode("cp1252")


def _canonical_messages(tickets: list[Ticket], rng: random.Random) -> list[tuple]:
    rows = []
    for ticket in tickets:
        ticket_id = f"D-{ticket.number:06d}"
        for k, m in enumerate(ticket.messages, start=1):
            rows.append([f"{ticket_id}-m{k:02d}", ticket_id, _canonical_author(m, ticket), m.role, m.public,
                         m.at, m.body])
    garbled = [r for r in rows if r[3] == "customer" and "'" in r[6]]
    for row in rng.sample(garbled, min(len(garbled), max(2, len(rows) // 2500))):
        row[6] = _mojibake(row[6])
    return _with_bad_rows(rows, rng)


def _with_bad_rows(rows: list[list], rng: random.Random) -> list[tuple]:
    """Insert the few broken rows the quarantine must catch, each after a real ticket's messages."""
    defects = ("created_at", "created_at", "author_role", "author_role", "ticket_id", "ticket_id")
    last_row_of = {row[1]: i for i, row in enumerate(rows)}
    hosts = rng.sample(sorted(last_row_of), len(defects))
    bad_after = {}
    for n, (defect, ticket_id) in enumerate(zip(defects, hosts), start=1):
        host = rows[last_row_of[ticket_id]]
        bad = [f"{ticket_id}-bad{n}", ticket_id, host[2], "customer", True, host[5], "Any update on this?"]
        if defect == "created_at":
            bad[5] = None
        elif defect == "author_role":
            bad[2:4] = ["robot:merge", "robot"]
            bad[6] = "Ticket merged automatically with a duplicate request."
        else:
            bad[1] = ""
        bad_after[last_row_of[ticket_id]] = bad
    out = []
    for i, row in enumerate(rows):
        out.append(tuple(row))
        if i in bad_after:
            out.append(tuple(bad_after[i]))
    return out


def write_canonical(tickets: list[Ticket], out_dir: Path, rng: random.Random) -> list[Path]:
    """The main desk as canonical Parquet: tickets, messages and status changes."""
    folder = out_dir / "canonical"
    folder.mkdir(parents=True, exist_ok=True)
    ticket_rows = [
        (f"D-{t.number:06d}", "demo", t.created_at, t.updated_at, t.statuses[-1][0], t.priority, t.channel,
         t.subject, f"cust:{t.customer.number}", f"agent:{t.assignee.handle}" if t.assignee else None, t.team,
         t.tags, t.csat)
        for t in tickets
    ]
    status_rows = [(f"D-{t.number:06d}", status, at) for t in tickets for status, at in t.statuses]
    frames = {
        "tickets": pl.DataFrame(ticket_rows, schema=CANONICAL_TICKET_SCHEMA, orient="row"),
        "messages": pl.DataFrame(_canonical_messages(tickets, rng), schema=CANONICAL_MESSAGE_SCHEMA, orient="row"),
        "status_changes": pl.DataFrame(status_rows, schema=CANONICAL_STATUS_SCHEMA, orient="row"),
    }
    paths = []
    for name, frame in frames.items():
        path = folder / f"{name}.parquet"
        frame.write_parquet(path)
        paths.append(path)
    return paths


def _zulu(at: datetime.datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _synced(at: datetime.datetime) -> str:
    """When Fivetran copied a row: a little after it last changed."""
    return _zulu(at + datetime.timedelta(minutes=17))


def _write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


# Zendesk ids are numbers; these ranges keep users, groups and tickets apart.
FIVETRAN_AGENT_ID = 360_100_000
FIVETRAN_CUSTOMER_ID = 361_000_000
FIVETRAN_GROUP_ID = 360_000_100
FIVETRAN_TICKET_ID = 50_000
FIVETRAN_BRAND_ID = 360_004_201
GROUP_NAMES = ("accounts", "billing", "escalations", "technical")


def _fivetran_actor(ticket: Ticket, at: datetime.datetime, value: object, customer_moments: set,
                    requester: int, agent_id: dict[str, int]) -> int | str:
    """Who made a field change: the customer who wrote in, nobody for the automatic close, else the assignee."""
    if value == "new" or (value == "open" and at in customer_moments):
        return requester
    assigned = [agent for agent, since in ticket.assignments if since <= at]
    return agent_id[assigned[-1].handle] if value != "closed" and assigned else ""


def write_fivetran(tickets: list[Ticket], out_dir: Path, start: datetime.date) -> list[Path]:
    """The accounts brand's Zendesk as Fivetran's synced tables, one CSV each."""
    folder = out_dir / "fivetran"
    agent_id = {a.handle: FIVETRAN_AGENT_ID + i for i, a in enumerate(AGENTS)}
    group_id = {name: FIVETRAN_GROUP_ID + i for i, name in enumerate(GROUP_NAMES)}
    ticket_rows, comment_rows, history_rows, customers = [], [], [], {}
    for t in tickets:
        ticket_id = FIVETRAN_TICKET_ID + t.number
        requester = FIVETRAN_CUSTOMER_ID + t.customer.number
        customers[requester] = t.customer
        def author_of(m: Message) -> int:
            return agent_id[m.agent.handle] if m.role == "agent" else requester
        first = t.messages[0]
        ticket_rows.append([
            ticket_id, _synced(t.updated_at), _zulu(t.created_at), _zulu(t.updated_at), t.topic.ticket_type,
            t.subject, first.body, t.priority, t.statuses[-1][0], requester, author_of(first),
            agent_id[t.assignee.handle] if t.assignee else "", group_id[t.team], t.channel, FIVETRAN_BRAND_ID,
        ])
        for m in t.messages:
            comment_rows.append([len(comment_rows) + 9_100_001, _synced(m.at), m.body, _zulu(m.at),
                                 "true" if m.public else "false", ticket_id, author_of(m)])
        changes = [(at, "status", status) for status, at in t.statuses]
        changes += [(at, "assignee_id", agent_id[agent.handle]) for agent, at in t.assignments]
        customer_moments = {m.at for m in t.messages if m.role == "customer"}
        for at, field_name, value in sorted(changes, key=lambda change: (change[0], change[1])):
            history_rows.append([ticket_id, field_name, _zulu(at), value,
                                 _fivetran_actor(t, at, value, customer_moments, requester, agent_id), _synced(at)])
    user_created = datetime.datetime.combine(start, datetime.time(12), UTC)
    users = [[agent_id[a.handle], _synced(user_created), a.name, f"{a.handle}@heatcheck.example.com",
              "admin" if a == MANAGER else "agent", _zulu(user_created - datetime.timedelta(days=400 + 13 * i))]
             for i, a in enumerate(AGENTS)]
    users += [[user_id, _synced(user_created), f"{c.first} {c.last}", c.email, "end-user",
               _zulu(user_created - datetime.timedelta(days=30 + c.number * 37 % 900))]
              for user_id, c in sorted(customers.items())]
    groups = [[group_id[name], _synced(user_created), name] for name in GROUP_NAMES]
    return [
        _write_csv(folder / "ticket.csv", ["id", "_fivetran_synced", "created_at", "updated_at", "type", "subject",
                                           "description", "priority", "status", "requester_id", "submitter_id",
                                           "assignee_id", "group_id", "via_channel", "brand_id"], ticket_rows),
        _write_csv(folder / "ticket_comment.csv", ["id", "_fivetran_synced", "body", "created", "public",
                                                   "ticket_id", "user_id"], comment_rows),
        _write_csv(folder / "user.csv", ["id", "_fivetran_synced", "name", "email", "role", "created_at"], users),
        _write_csv(folder / "ticket_field_history.csv", ["ticket_id", "field_name", "updated", "value", "user_id",
                                                         "_fivetran_synced"], history_rows),
        _write_csv(folder / "group.csv", ["id", "_fivetran_synced", "name"], groups),
    ]


TWCS_CUSTOMER_ID = 700_000
TWCS_FIRST_TWEET_ID = 1_000_001


def _twitter_time(at: datetime.datetime) -> str:
    """Twitter's created_at, as in "Tue Oct 31 22:10:47 +0000 2017"."""
    at = at.astimezone(UTC)
    return f"{WEEKDAY_ABBR[at.weekday()]} {MONTH_ABBR[at.month - 1]} {at:%d %H:%M:%S} +0000 {at.year}"


def write_twitter(tickets: list[Ticket], out_dir: Path) -> list[Path]:
    """The @HeatcheckHelp account in the Customer Support on Twitter (TWCS) layout."""
    rows, next_id = [], TWCS_FIRST_TWEET_ID
    for t in tickets:
        customer_id = str(TWCS_CUSTOMER_ID + t.customer.number)
        thread = []  # [tweet_id, author, inbound, created_at, text, replies, in_response_to]
        for m in t.messages:
            inbound = m.role == "customer"
            # A tweet answers the other side's latest tweet, or continues its author's own.
            parent = next((tw for tw in reversed(thread) if tw[2] != inbound), thread[-1] if thread else None)
            mention = f"@{TWITTER_HANDLE}" if inbound else f"@{customer_id}"
            tweet = [next_id, customer_id if inbound else TWITTER_HANDLE, inbound, m.at, f"{mention} {m.body}", [],
                     parent[0] if parent else None]
            if parent:
                parent[5].append(next_id)
            thread.append(tweet)
            next_id += 1
        rows += [[tid, author, "True" if inbound else "False", _twitter_time(at), text,
                  ",".join(str(r) for r in replies), "" if parent is None else parent]
                 for tid, author, inbound, at, text, replies, parent in thread]
    header = ["tweet_id", "author_id", "inbound", "created_at", "text", "response_tweet_id", "in_response_to_tweet_id"]
    return [_write_csv(out_dir / "twitter" / "twcs_demo.csv", header, rows)]


def generate_demo_exports(out_dir: Path, seed: int = 7, tickets: int = 2400, weeks: int = 14,
                          start: datetime.date = datetime.date(2026, 7, 6)) -> list[Path]:
    """Write the demo ticket exports into out_dir and return the paths written.

    `start` is the Monday of the first week; the export is taken at 09:00 New York time on the
    Monday after the last week, so tickets still in progress then are open in the files.
    """
    out_dir = Path(out_dir)
    built = build_tickets(seed, tickets, weeks, start)
    by_desk = {desk: [t for t in built if t.desk == desk] for desk in EXPORT_SHARES}
    defects_rng = random.Random(seed + 1)  # separate, so bad rows do not shift the conversations
    return (write_canonical(by_desk["canonical"], out_dir, defects_rng)
            + write_fivetran(by_desk["fivetran"], out_dir, start)
            + write_twitter(by_desk["twitter"], out_dir))
