"""The coding lexicon: trigger phrases for each ACLED sub-event type, and the cue words that qualify them.

Triggers are regular expressions over the clean text (case-insensitive), each with a weight: how sure a coder would
be, from the phrase alone, that it reports an event of that type. The event stage decides between competing
triggers in a clause with the coding rules (weapon over generic attack, battle over a strike inside it, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Trigger:
    sub_event_type: str
    pattern: re.Pattern[str]
    weight: float
    family: str  # "territory", "battle", "remote", "vac", "protest", "riot", "strategic"


def _t(sub: str, family: str, weight: float, *patterns: str) -> list[Trigger]:
    return [Trigger(sub, re.compile(rf"\b(?:{p})\b", re.IGNORECASE), weight, family) for p in patterns]


_TAKE = (
    r"(?:seized|seize|seizes|seizing|captured|capture|captures|capturing|took (?:full |complete |effective )?control|"
    r"taken (?:full |complete |effective )?control|take (?:full |complete )?control|taking (?:full |complete )?control|"
    r"gained control|seized control|wrested control|established control|overran|overrun|overruns|overtook|took over|"
    r"taken over|taken the control|fell to|fallen to|occupying|advanced into|pushed into|(?:have|has|had) controlled|"
    r"(?<![-\w])(?<!the )(?<!occupied by )occupied(?! (?:West Bank|territor\w*|Palestin\w*|Golan|Crimea|zones?|areas?)\b)|"
    r"entered(?! (?:into )?(?:a |an |the )?(?:\w+ )?(?:ceasefire|truce|agreement|deal|talks|negotiations|accord|phase|period)))"
)
_RETAKE = (
    r"(?:recaptured|recapture|recaptures|recapturing|retook|retake|retaken|retakes|regained(?: control(?: of)?)?|"
    r"regain(?: control(?: of)?)?|regains|won back|took back|taken back|seized back|reclaimed|liberated|liberate|"
    r"recovered control|restored control|pushed back|drove (?:them |the \w+ )?out|"
    r"pushed (?:\w+[- ]){1,4}out of|freed (?:\w+ ){0,3}(?:areas?|villages?|towns?|cit(?:y|ies)|districts?|neighbou?rhoods?))"
)

TRIGGERS: list[Trigger] = [
    # Explosions / remote violence ---------------------------------------------------------------------------------
    *_t(
        "Suicide bomb",
        "remote",
        0.95,
        r"suicide (?:bomb(?:er|ers|ing|ings)?|attack(?:s|er|ers)?|blast|car bomb(?:ing)?|vest|truck bomb)",
        r"blew (?:himself|herself|themselves) up",
        r"kamikazes?",
        r"self-detonat\w*",
    ),
    *_t(
        "Chemical weapon",
        "remote",
        0.9,
        r"chemical (?:weapons? )?attacks?",
        r"(?:used|using|use of) chemical weapons?",
        r"sarin",
        r"chlorine (?:gas|bombs?|attacks?)",
        r"mustard gas",
        r"nerve agents?",
        r"poison(?:ous)? gas",
        r"toxic gas attacks?",
    ),
    *_t(
        "Air/drone strike",
        "remote",
        0.9,
        r"air ?strikes?",
        r"air raids?",
        r"aerial (?:bombardment|attacks?|strikes?|bombing)",
        r"drone (?:strikes?|attacks?)",
        r"(?:war ?planes?|jets|fighter jets|helicopters?|aircraft|bombers|drones?) (?:struck|bombed|pounded|hit|targeted|attacked|raided|fired|launched)",
        r"bombed from the air",
        r"barrel bombs?",
        r"kamikaze drones?",
        r"(?:fired|launched|dropped|carried out) by (?:[\w'-]+ ){0,3}(?:jets|warplanes|planes|aircraft|drones|helicopters|bombers)",
        r"attacks? by (?:[\w'-]+ ){0,2}(?:jets|warplanes|aircraft|drones|helicopters|bombers)",
        r"(?:combat|bombing) sorties",
        r"sorties over",
        r"unmanned aerial vehicles? (?:struck|attack\w*)",
        r"(?:launched|carried out|conducted) (?:\w+ )?(?:air ?strikes?|raids?) ",
    ),
    *_t(
        "Remote explosive/landmine/IED",
        "remote",
        0.85,
        r"(?:improvised explosive devices?|IEDs?|VBIEDs?)",
        r"roadside bombs?",
        r"land ?mines?",
        r"car bombs?",
        r"truck bombs?",
        r"explosive devices?",
        r"bombs? (?:exploded|went off|detonated|blast)",
        r"(?:bomb|explosive) (?:attack|blast)s?",
        r"booby[- ]trap\w*",
        r"(?:magnetic|sticky) bombs?",
        r"motorcycle bombs?",
        r"bomb explosions?",
        r"detonated (?:\w+ ){0,3}(?:bombs?|explosives?|explosive devices?|devices?|IEDs?|mines?)",
        r"(?:ground|anti-?personnel|anti-?tank|roadside) mines?",
        r"(?:hit|struck|stepped on) an? (?:\w+ )?mine",
        r"mines? (?:[\w,'-]+ ){0,12}?(?:went off|exploded|detonated)",
        r"(?:explosives|bombs?) (?:\w+ ){0,3}(?:blew up|went off)",
    ),
    *_t("Grenade", "remote", 0.9, r"(?:hand )?grenades?"),
    *_t(
        "Shelling/artillery/missile attack",
        "remote",
        0.85,
        r"shell(?:ed|ing|s)",
        r"artillery",
        r"mortars?(?: shells?| rounds?| fire| attacks?)?",
        r"rockets? (?:attacks?|fire|strikes?)",
        r"(?:fired|launched) (?:\w+ )?(?:rockets?|missiles?|mortars?|shells?)",
        r"missile (?:strikes?|attacks?)",
        r"ballistic missiles?",
        r"cruise missiles?",
        r"rockets? (?:hit|struck|landed|slammed)",
        r"missiles? (?:hit|struck|slammed)",
        r"bombard(?:ed|ment|ments|ing)",
        r"tank (?:fire|attack)",
        r"(?:hit|struck|targeted|attacked) by (?:[\w'-]+ ){0,5}(?:missiles?|rockets?|shells?|mortars?|artillery)",
        r"(?:missiles?|rockets?|mortars?|shells?|projectiles) (?:were |was |had been |have been )?fired",
        r"shelled",
    ),
    # Battles ------------------------------------------------------------------------------------------------------
    *_t(
        "Armed clash",
        "battle",
        0.85,
        r"clash(?:ed|es)?",
        r"fighting",
        r"fought",
        r"battl(?:e|ed|es|ing)",
        r"gun ?battles?",
        r"fire ?fights?",
        r"gunfights?",
        r"shoot-?outs?",
        r"exchange(?:d)? (?:of )?(?:gun)?fire",
        r"ambush(?:ed|es)?",
        r"skirmish(?:es)?",
        r"offensives?",
        r"armed (?:conflict|confrontation)s?",
        r"confrontations?",
        r"(?:heavy|fierce) (?:combat|fighting)",
        r"repelled (?:an |the )?(?:attack|assault)",
        r"assault(?:ed)? (?:on )?(?:positions?|bases?|posts?|checkpoints?)",
        r"attacked (?:an? |the )?(?:army|military|police) (?:base|post|position|checkpoint|convoy|patrol)s?",
    ),
    *_t("Government regains territory", "territory", 0.9, _RETAKE),
    *_t("Non-state actor overtakes territory", "territory", 0.85, _TAKE),
    *_t(
        "Non-violent transfer of territory",
        "territory",
        0.8,
        r"(?:withdr[eo]w|withdrawn|pulled out|retreated) (?:\w+ ){0,4}(?:from|of)",
        r"hand(?:ed|ing|s)? (?:over )?control",
        r"handed over",
        r"without (?:a fight|resistance|fighting)",
    ),
    # Violence against civilians -----------------------------------------------------------------------------------
    *_t(
        "Sexual violence",
        "vac",
        0.9,
        r"rap(?:ed|e|es|ing)",
        r"sexual(?:ly)? (?:violence|assault\w*|abus\w*|exploit\w*)",
        r"gang[- ]rap\w*",
    ),
    *_t(
        "Abduction/forced disappearance",
        "vac",
        0.9,
        r"abduct(?:ed|s|ing|ion|ions)?",
        r"kidnap(?:ped|ping|pings|s)?",
        r"taken hostage",
        r"hostage[- ]taking",
        r"(?:forcibly |forced )disappear\w*",
        r"seized (?:\w+ )?hostages?",
    ),
    *_t(
        "Attack",
        "vac",
        0.75,
        r"shot (?:dead|and killed|to death)",
        r"fatally (?:shot|stabbed|wounded)",
        r"gunned down",
        r"opened fire",
        r"massacre[sd]?",
        r"executed",
        r"behead(?:ed|ing)",
        r"stabb(?:ed|ing)",
        r"murder(?:ed|s)?",
        r"killed",
        r"shootings?",
        r"shot",
        r"attack(?:ed|s)?",
        r"hacked to death",
        r"lynched",
        r"torture[sd]?",
        r"assassinat(?:ed|ion)",
        r"homicides?",
        r"slain",
        r"slaying",
        r"gunmen",
        r"gunfire",
        r"stormed",
        r"set upon",
        r"raided (?:an? |the )?(?:\w+ )?(?:base|camp|post|checkpoint|village|town|positions?)",
    ),
    # Protests and riots -------------------------------------------------------------------------------------------
    *_t(
        "Peaceful protest",
        "protest",
        0.8,
        r"protest(?:ed|s|ing|ers)?",
        r"demonstrat(?:ion|ions|ors|ed|ing)",
        r"rall(?:y|ies|ied)(?! (?:around|behind)\b)",  # (not support: "friends rally around the family")
        r"marched",
        r"sit-ins?",
        r"(?:went|go|going) on strike",
        r"strikers",
        r"picket(?:ed|s)?",
        r"vigils?",
        r"die-ins?",
        r"walkouts?",
    ),
    *_t(
        "Violent demonstration",
        "riot",
        0.85,
        r"riot(?:s|ed|ing|ers)(?! (?:police|gear|squad|control))",
        r"(?:threw|throws?|throwing|hurled|hurling|pelted) (?:\w+ ){0,2}(?:stones|rocks|petrol bombs|molotov cocktails?|bottles|projectiles|fireworks|objects)",
        r"molotov cocktails?",
        r"projectiles (?:were |being )?(?:thrown|hurled)",
        r"(?:torched|set fire to|set ablaze) (?:\w+ ){0,3}(?:vehicles?|cars?|tyres|tires|buildings?|police station)",
    ),
    *_t(
        "Protest with intervention",
        "protest",
        0.8,
        r"(?:fired|fire|fires|firing|used|using) (?:\w+ ){0,3}(?:tear ?gas|rubber bullets|water cannons?|pepper spray)",
        r"to disperse (?:\w+ ){0,3}(?:crowds?|protesters|demonstrators|gatherings?|rall(?:y|ies))",
    ),
    *_t("Mob violence", "riot", 0.9, r"mob", r"vigilantes?", r"lynch(?:ed|ing)?", r"vigilantism"),
    # Strategic developments ---------------------------------------------------------------------------------------
    *_t(
        "Agreement",
        "strategic",
        0.8,
        r"cease-?fire",
        r"truce",
        r"peace (?:deal|agreement|accord|treaty)",
        r"(?:signed|reached|agreed) (?:an? |the )?(?:\w+ )?(?:agreement|deal|accord)",
        r"prisoner (?:swap|exchange)",
        r"exchanged prisoners",
        r"exchange (?:process )?of (?:\w+ ){0,2}prisoners",
        r"(?:have|has|had) agreed to (?:a |an |the )?(?:\w+ )?(?:ceasefire|truce|deal|resume|end|withdraw|exchange|release)",
        r"surrender(?:ed)?",
    ),
    *_t(
        "Arrests",
        "strategic",
        0.85,
        r"arrest(?:ed|s|ing)?",
        r"detain(?:ed|s|ing)?",
        r"taken into custody",
        r"apprehended",
        r"rounded up",
        r"nabbed",
        r"jailed",
    ),
    *_t(
        "Disrupted weapons use",
        "strategic",
        0.8,
        r"defus(?:ed|ing)",
        r"intercept(?:ed|ing)",
        r"shot down",
        r"(?:seized|seizing|captured|confiscated|recovered|found|discovered|uncovered|destroyed|defused|intercepted|cleared|impounded) (?:[\w,'-]+ ){0,7}?(?:weapons?|arms|ammunitions?|ammo|firearms|pistols?|revolvers?|rifles?|carbines?|guns|machine[- ]guns|bullets|cartridges|rounds|explosives|munitions|grenades|mines|IEDs|improvised explosive devices?|explosive devices?|mortars|rockets|missiles|projectiles|RPGs|Kalashnikovs|AK-47s?|caches?|stash(?:es)?|depots?)",
        r"(?:weapons?|arms|ammunitions?|ammo|firearms|pistols?|revolvers?|rifles?|carbines?|guns|machine[- ]guns|bullets|cartridges|rounds|explosives|munitions|grenades|mines|IEDs|improvised explosive devices?|explosive devices?|mortars|rockets|missiles|projectiles|RPGs|Kalashnikovs|AK-47s?|caches?|stash(?:es)?|depots?) (?:[\w,'-]+ ){0,12}?(?:(?:were|was|have been|has been|had been|being) )(?:seized|seizing|captured|confiscated|recovered|found|discovered|uncovered|destroyed|defused|intercepted|cleared|impounded)",
        r"accidentally (?:activated|detonated|triggered)",
        r"premature(?:ly)? (?:detonat|explo)\w*",
        r"(?:arms|weapons) (?:cache|depot|caches|depots)",
        r"bomb disposal",
        r"foiled",
    ),
    *_t(
        "Headquarters or base established",
        "strategic",
        0.85,
        r"(?:set up|sets up|setting up|established|establishes|establishing|built|erected|created|opened) (?:[\w-]+ ){0,5}?"
        r"(?:bases?|headquarters|outposts?|observation (?:posts?|points?)|military posts?|checkpoints?|camps?)",
    ),
    *_t(
        "Looting/property destruction",
        "strategic",
        0.8,
        r"loot(?:ed|ing|ers)?",
        r"pillag(?:ed|ing)",
        r"ransack(?:ed|ing)",
        r"vandali[sz](?:ed|ing|m)",
        r"(?:torched|burned|burnt|set fire to|set ablaze|razed|demolished|destroyed) (?:\w+ ){0,3}(?:homes|houses|shops|villages|property|properties|buildings|markets|churches|mosques|schools|crops)",
        r"arson",
        r"(?:homes|houses|shops|stores|villages|propert(?:y|ies)|buildings|markets|churches|mosques|schools|vehicles|cars) "
        r"(?:[\w,'-]+ ){0,4}?(?:burned|burnt|torched|looted|destroyed|set (?:on fire|ablaze)|vandali[sz]ed|razed|demolished)",
        r"destruction of (?:\w+ ){0,3}(?:propert(?:y|ies)|homes|houses|shops|buildings|villages)",
    ),
    *_t(
        "Change to group/activity",
        "strategic",
        0.6,
        r"defect(?:ed|ion|ions)",
        r"pledged allegiance",
        r"merged",
        r"disband(?:ed)?",
        r"deployed",
        r"redeploy\w*",
        r"(?:withdrew|withdrawn|pulled back|pull back|pulled out) (?:\w+ ){0,2}(?:troops|forces|fighters|units)",
        r"(?:announced|launched) (?:the )?(?:formation|creation) of",
        r"relocat(?:ed|ing)",
        r"pull(?:ed|s|ing)? back",
        r"dispatch(?:ed|ing)?(?! of)",
        r"dispatch of (?:\w+ ){0,2}(?:forces|troops|units)",
        r"(?:have|has|had|been|were|was) (?:\w+ )?formed",
        r"formed an? (?:new )?(?:\w+ ){0,2}(?:unit|group|brigade|force|organi[sz]ation|militia|alliance|coalition)",
        r"(?:militia|network|group|unit|brigade|wing) (?:\w+ ){0,2}(?:has|have) been set up",
        r"fortif(?:y|ied|ying|ications?)",
        r"reinforcements?",
        r"mobili[sz](?:ed|ing|ation)",
        r"(?:withdr[eo]w|withdrawn|pulled out) (?:\w+ ){0,3}from (?:a |the |its |their )?(?:\w+ ){0,2}(?:base|camp|post|observation)",
    ),
]

FAMILY_OF = {t.sub_event_type: t.family for t in TRIGGERS}

# Cue words -------------------------------------------------------------------------------------------------------------

NEGATION = re.compile(
    r"\b(?:denied|denies|deny|denying|refuted|rejected (?:claims|reports)|dismissed (?:claims|reports)|"
    r"no one was|nobody was|did not|didn't|was not|were not|has not|have not|never)\b",
    re.IGNORECASE,
)
MODALITY = re.compile(
    r"\b(?:vow(?:ed|s)?|threaten(?:ed|s)?|warn(?:ed|s)? (?:of|that|it would)|plan(?:s|ned)? to|planning to|"
    r"intend(?:s|ed)? to|would|could|might|may|will|pledg(?:ed|es) to|promis(?:ed|es) to|prepar(?:ing|es|ed) to|"
    r"call(?:ed|s)? for|urg(?:ed|es) |fear(?:ed|s)? |if |unless |aim(?:s|ed)? to|seeks? to|sought to|ready to|"
    r"step up|to step up|to launch|to attack|to retaliate|to strike)\b",
    re.IGNORECASE,
)
DISASTER = re.compile(
    r"\b(?:earthquakes?|quakes?|magnitude|tremors?|floods?|flooding|landslides?|mudslides?|storms?|hurricanes?|typhoons?|"
    r"cyclones?|tornado(?:es)?|tsunamis?|volcano(?:es)?|eruptions?|wildfires?|bushfires?|droughts?|avalanches?|"
    r"heatwaves?|lightning|(?:car|road|traffic|bus|train|plane|boat|helicopter) (?:crash|accident|collision)|"
    r"crash(?:ed)?|derail\w*|capsiz\w*|(?:buildings?|bridges?|roofs?|mines?|dams?|walls?|houses?|tunnels?|structures?|stages?|cranes?) (?:\w+ ){0,2}collapsed|gas (?:leak|explosion)|chemical spill|fire broke out|blaze|"
    r"(?:gas|chemical|toxic|poisonous) (?:\w+ )?leak\w*|leak(?:ed|age) (?:\w+ ){0,3}(?:gas|chemicals?)|"
    r"accident(?:al|ally|s)?|food poisoning|outbreak|epidemic|pandemic|covid)\b",
    re.IGNORECASE,
)
DIPLOMACY = re.compile(
    r"\b(?:expel(?:led|s)?|expulsion|diplomats?|ambassadors?|embassy|summit|talks|sanctions?|envoy|"
    r"condemn(?:ed|s)?|visit(?:ed|s)?|met with|meeting|negotiat\w+|consulate)\b",
    re.IGNORECASE,
)
STATEMENT_ONLY = re.compile(r"\b(?:claimed responsibility|blamed|accused|alleged)\b", re.IGNORECASE)

# Context: why an attack is political (armed, organized or state actor) rather than crime.
POLITICAL_CUES = re.compile(
    r"\b(?:militants?|insurgents?|rebels?|terrorists?|terror|jihadists?|extremists?|militia(?:s|men)?|guerrillas?|"
    r"soldiers?|troops|army|military|security forces|paramilitar\w+|armed groups?|armed men|gunmen|"
    r"bandits|separatists?|islamists?|sectarian|political|activists?|opposition|protesters?|police (?:fired|opened fire|killed)|"
    r"forces|fighters|occupation|regime|junta|coup|war|airstrike|shelling|ISIS|ISIL|Daesh|Taliban|Qaeda|"
    r"Shabaab|Boko Haram|Maoists?|Naxal\w*|herdsmen|ethnic|tribal|communal|clan)\b",
    re.IGNORECASE,
)
CRIME_CUES = re.compile(
    r"\b(?:robbery|robbed|robber|burglary|burglar|carjack\w*|domestic|homicide|murder(?:ed)? suspect|"
    r"drug deal\w*|road rage|argument|dispute|party|nightclub|bar|gas station|petrol station|convenience store|"
    r"suspect(?:s|ed)?|charged with|arrested in connection|police said|sheriff|deputies|detectives|"
    r"investigat\w+|shooter|gunman|teen|teenager|neighbou?r|girlfriend|boyfriend|wife|husband)\b",
    re.IGNORECASE,
)
INTERVENTION = re.compile(
    r"\b(?:tear ?gas|water cannons?|rubber bullets|pepper[- ]spray\w*|batons?|dispers(?:ed|e|ing)|broke up|"
    r"(?<!mass )arrest(?:ed|ing)?(?! of)|(?<!release of )(?<!release of the )detain(?:ed|ing)?|rounded up|"
    r"suppress(?:ed)?|cracked down|crackdown|charged|clashed with police|clashes with (?:police|security forces))\b",
    re.IGNORECASE,
)
LETHAL_FORCE = re.compile(
    r"\b(?:live (?:ammunition|fire|rounds)|opened fire|fired (?:on|at|into)|shot (?:dead|at)|killing|killed|dead|died|gunfire|"
    r"bullets?)\b",
    re.IGNORECASE,
)
PROTEST_VIOLENCE = re.compile(
    r"\b(?:(?:threw|throws?|throwing|thrown|hurled|hurling) (?:\w+ ){0,3}(?:stones|rocks|bottles|bricks|eggs|objects|projectiles|"
    r"fireworks|petrol bombs|molotov\w*|fences?|at (?:the )?(?:police|officers|security))|pelted|torched|set fire|set ablaze|vandali[sz]ed|smashed|looted|stormed|"
    r"attacked police|clashed|clashes|rioters?|riots?(?! police| gear| squad)|(?<!non-)violent(?! crackdown)|"
    r"(?<!non-)violence|burning|burned|fences|molotov|projectiles|barricad\w*|pull(?:ed|s)? down|tore down|"
    r"break into|broke into|aggressive|clash|(?:block|blocked|blocking|shut down|shutting down) (?:\w+ ){0,3}"
    r"(?:roads?|railways?|highways?|thoroughfares|streets|bridges?|traffic))\b",
    re.IGNORECASE,
)
# A state force's use of force against demonstrators beyond dispersal (ACLED "Excessive force against protesters").
EXCESSIVE_FORCE = re.compile(
    r"\b(?:live (?:ammunition|fire|rounds|bullets)|opened fire|fired (?:on|at|into)|shot (?:dead|at)|killing|killed|"
    r"dead|died|gunfire|violently|brutal(?:ly)?|beat(?:en|ing|s)?|beaten up|(?:violent |bloody |deadly )crackdown|"
    r"(?:injur\w+|wound\w+) (?:\w+ ){0,3}(?:protesters|demonstrators)|(?:protesters|demonstrators|people) (?:\w+ ){0,3}"
    r"(?:injured|wounded|hurt)|attack\w* (?:on |against )?(?:\w+ ){0,2}(?:protest\w*|demonstrat\w*|rall(?:y|ies)|march\w*))\b",
    re.IGNORECASE,
)
STATE_FORCE = re.compile(
    r"\b(?:police|policemen|officers|security (?:forces|guards|personnel)|guards|troops|soldiers|army|military|"
    r"gendarmes?|riot police|forces|government|regime|junta|authorities)\b",
    re.IGNORECASE,
)
AGGREGATE_CUES = re.compile(
    r"\b(?:since|so far|in total|total of|altogether|in all|over the past|over the last|in the past|during the past|"
    r"this year|this month|last month|last year|overall|cumulative|death toll (?:from|in) the (?:war|conflict))\b",
    re.IGNORECASE,
)
LINKED_TO_BATTLE = re.compile(
    r"\b(?:during|amid|in) (?:the )?(?:fighting|clashes|battle|offensive|assault)\b", re.IGNORECASE
)
STATE_WORDS = re.compile(
    r"\b(?:army|troops|soldiers|military|government forces|regime forces|security forces|forces of the government|"
    r"police|armed forces|national army|defen[cs]e forces)\b",
    re.IGNORECASE,
)
NEAR_WORDS = re.compile(
    r"\b(?:near|outside|outskirts of|suburbs? of|countryside|vicinity of|close to|north of|south of|east of|west of|"
    r"northern|southern|eastern|western|around)\s*$",
    re.IGNORECASE,
)
# Who an assault was aimed at: an armed target makes it a battle (ACLED), not violence against civilians.
ARMED_TARGET = re.compile(
    r"\b(?:soldiers?|troops|servicem[ae]n|gendarmes?|policem[ae]n|police (?:officers?|stations?|posts?|checkpoints?|"
    r"patrols?|convoys?|trainees|training cent(?:er|re)|headquarters)|officers|security (?:forces?|personnel|posts?)|"
    r"(?:military|army) (?:bases?|posts?|patrols?|convoys?|camps?|positions?|vehicles?|checkpoints?)|military|army|"
    r"bases?|checkpoints?|positions|outposts?|barracks|garrisons?|peacekeep\w+|militants|insurgents|terrorists|rebels|"
    r"jihadists|fighters|militiam[ae]n|bandits|members of the (?:\w+ ){0,3}(?:forces|army))\b",
    re.IGNORECASE,
)
# Phrases that name a speaker, not a party ("police said", "an army officer said").
SPEAKER = re.compile(
    r"\b(?:according to (?:the )?(?:\w+ ){0,3}|(?:an? |the )?(?:\w+ ){0,2}(?:police|army|military|security) "
    r"(?:said|says|say|spokesm[ae]n|spokesperson|officials?|officers? said|sources?|chief|reported|confirmed|statement|"
    r"captain \w+ \w+ said))",
    re.IGNORECASE,
)
WEAPON_WORDS = re.compile(
    r"\b(?:weapons?|arms|ammunitions?|ammo|firearms|pistols?|revolvers?|rifles?|carbines?|guns|bullets|cartridges|"
    r"explosives|munitions|grenades|mines|IEDs|explosive devices?|mortars|rockets|missiles|projectiles|RPGs|"
    r"Kalashnikovs|caches?|stash(?:es)?)\b",
    re.IGNORECASE,
)
# A territory change without a fight (ACLED "Non-violent transfer of territory").
NON_VIOLENT_TRANSFER = re.compile(
    r"\b(?:without (?:\w+ ){0,2}(?:a fight|resistance|fighting|a shot|firing|clashes|bloodshed|battle)|"
    r"(?:not|no|never) (?:\w+ ){0,2}(?:resistance|fighting|clashes)|unopposed|deserted|abandoned|vacated|"
    r"(?:following|after) (?:the )?(?:\w+ ){0,3}(?:withdrawal|pull-?out|retreat)|handed (?:\w+ ){0,3}over|hand(?:ed|ing)? over|"
    r"handover|(?:withdr[eo]w|withdrawn|pulled out|retreated) (?:\w+ ){0,4}(?:from|of)\b)",
    re.IGNORECASE,
)
NON_STATE_WORDS = re.compile(
    r"\b(?:rebels?|militants?|insurgents?|jihadists?|fighters|militia(?:s|men)?|factions?|terrorists?|guerrillas?|"
    r"separatists?|Shabaa?b|ISIS|ISIL|Daesh|Taliban|Houthis?|Huthis?|Nusra|HTS|Boko Haram|mujahidin|insurgency|"
    r"extremists?|armed groups?|gunmen|Islamic State)\b",
    re.IGNORECASE,
)
CIVILIAN_VICTIMS = re.compile(
    r"\b(?:civilians?|people|residents|villagers|worshippers|pupils|students|children|women|passengers|shoppers|"
    r"farmers|workers|patients|journalists|aid workers|families|family members|mourners|displaced|refugees|"
    r"schoolchildren|girls|boys|men|worshipers|bystanders)\b",
    re.IGNORECASE,
)

# One pass over a sentence tells whether any trigger can match: most sentences of a report hold none.
ANY_TRIGGER = re.compile("|".join(f"(?:{t.pattern.pattern})" for t in TRIGGERS), re.IGNORECASE)

# The triggers of each sub-event type behind one combined gate: a sentence is tried against a type's patterns only
# when the gate matches (same matches as trying every pattern, about a third faster on news text).
TRIGGER_GROUPS: list[tuple[re.Pattern[str], list[Trigger]]] = []
for _sub in dict.fromkeys((t.sub_event_type, t.family, t.weight) for t in TRIGGERS):
    _members = [t for t in TRIGGERS if (t.sub_event_type, t.family, t.weight) == _sub]
    TRIGGER_GROUPS.append(
        (re.compile("|".join(f"(?:{t.pattern.pattern})" for t in _members), re.IGNORECASE), _members)
    )
del _sub, _members
