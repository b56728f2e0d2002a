"""Hand-written news sentences: ordinary prose with speech-cue words that is not speech, beside real attributions.

Written for these tests (weather, traffic and business news of no real place); no news text copied. ``NOT_SPEECH``
uses cue words as nouns ("a warning for", "the statement of accounts", "claims adjusters") or cue verbs in senses
that are not saying ("the train answered the signal", "echoing the floods"): nothing may be found. ``SPEECH`` are
real attributions with the speaker and content a reader finds. Documents speak as PolNeAR reads them ("the report
says", "the forecast warns", "the sign says"): PolNeAR's dev split marks "the report says", "the ruling said",
"the letter reads" and "emails suggest" as attributions. Data that "show" are not speech (no verb of saying).
Content follows the extractor's convention: the reported clause from its "that", a quotation with its marks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Case:
    """One sentence and the attribution a reader finds in it (speaker "" when there is none)."""

    text: str
    speaker: str = ""
    content: str = ""


NOT_SPEECH: tuple[Case, ...] = (
    Case("The weather office issued a red warning for the western coast on Monday."),
    Case("A yellow weather warning for the western coast was issued on Monday."),
    Case("The flood warning for the western coast was lifted on Sunday."),
    Case("Weather warning for the western coast."),
    Case("Rain is expected, with a warning in force for the western coast."),
    Case("A storm warning covering the western coast stays in force until Friday."),
    Case("Heavy snow warnings remain in place across the north."),
    Case("The warning lights on the dashboard came on after the crash."),
    Case("The company published its statement of accounts on Monday."),
    Case("Pupils took their report cards home before the holidays."),
    Case("An announcement board at the station listed the delays."),
    Case("Claims adjusters toured the flooded streets on Tuesday."),
    Case("The insurer received thousands of claims after the storm."),
    Case("The agency's notice about the closure was pinned to the town hall door."),
    Case("The new timetable, posted at every stop, lists twelve buses an hour."),
    Case("The traffic lights signal drivers to stop."),
    Case("The river rose two metres overnight, echoing the floods of 2010."),
    Case("The night train answered the signal and slowed down."),
    Case("Shares continued to fall on Wednesday."),
    Case("The road continues past the harbour to the old mill."),
    Case("The data show that sales fell in March."),
    Case("The council's announcement of new bus lanes drew a large crowd."),
)

SPEECH: tuple[Case, ...] = (
    Case("The weather office warned that the storm would reach the western coast on Tuesday.",
         "weather office", "that the storm would reach the western coast on Tuesday"),
    Case('"Stay off the coast road tonight," the police chief said.',
         "unnamed police chief", '"Stay off the coast road tonight,"'),
    Case("Forecasters said the winds could reach 120 kilometres an hour.",
         "Forecasters", "the winds could reach 120 kilometres an hour"),
    Case("Mayor Ines Vartan said the bridge would reopen on Friday.",
         "Ines Vartan", "the bridge would reopen on Friday"),
    Case("The company said in a statement that profits fell by a fifth.", "company", "that profits fell by a fifth"),
    Case("According to the transport ministry, the line will reopen in May.",
         "transport ministry", "the line will reopen in May"),
    Case("The rail operator announced that all trains would stop at midnight.",
         "rail operator", "that all trains would stop at midnight"),
    Case("Harbour master Oskar Lind told reporters that the ferries would stay in port.",
         "Oskar Lind", "that the ferries would stay in port"),
    Case("The report says the bridge needs urgent repairs.", "report", "the bridge needs urgent repairs"),
    Case("The forecast warns that the rain will turn to snow on the hills.",
         "forecast", "that the rain will turn to snow on the hills"),
    Case("The sign on the gate says the park is closed until spring.",
         "sign on the gate", "the park is closed until spring"),
    Case("The central bank's governor, Lena Brandt, said rates would stay on hold.",
         "Lena Brandt", "rates would stay on hold"),
    Case("Traffic police urged drivers to avoid the bridge.", "Traffic police", "drivers to avoid the bridge"),
    Case("The airline denied that flights had been cancelled.", "airline", "that flights had been cancelled"),
    Case("Economists predicted that prices would rise in the spring.",
         "unnamed Economists", "that prices would rise in the spring"),
    Case("The insurer's chief executive, Marta Olsen, said claims had doubled since the storm.",
         "Marta Olsen", "claims had doubled since the storm"),
    Case('"The warning stays in place," a spokeswoman for the weather office said.',
         "unnamed spokeswoman for the weather office", '"The warning stays in place,"'),
    Case("The agency's notice said the office would close at noon.", "agency notice", "the office would close at noon"),
    Case("Residents complained that the warning came too late.", "Residents", "that the warning came too late"),
    Case("Union leader Tomas Reyes said the strike would go ahead on Monday.",
         "Tomas Reyes", "the strike would go ahead on Monday"),
    Case("The weather office, posting on its website, said the storm had passed.",
         "weather office", "the storm had passed"),
)
