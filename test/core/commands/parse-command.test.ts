import { describe, expect, it } from "vitest";
import { COMMAND_NAMES, type TouchCommandName } from "../../../src/core/commands/command-names.ts";
import { ZParsedCommand } from "../../../src/core/commands/command-schema.ts";
import {
  type CommandParseError,
  isCommandParseError,
  type ParsedCommand,
  parseCommand,
  parseMessage,
} from "../../../src/core/commands/parse-command.ts";
import type { NameSplit } from "../../../src/core/commands/split-name-note.ts";
import { helpLines, usageFor } from "../../../src/core/commands/usage.ts";
import type { TouchKind } from "../../../src/core/model.ts";

type Split = [name: string, note: string | null];

function touch(
  command: TouchCommandName,
  kind: TouchKind,
  splits: Split[],
  opts: { explicit?: boolean; doneBy?: { userId: string | null; name: string | null } } = {},
): ParsedCommand {
  return {
    type: "touch",
    command,
    kind,
    splits: splits.map(([name, note]): NameSplit => ({ name, note })),
    explicit: opts.explicit ?? false,
    doneBy: opts.doneBy ?? null,
  };
}

function thanked(splits: Split[], opts: Parameters<typeof touch>[3] = {}): ParsedCommand {
  return touch("thanked", "thank_you", splits, opts);
}

function errorOf(result: ParsedCommand | CommandParseError): CommandParseError {
  if (!isCommandParseError(result)) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return result;
}

const THANKED_USAGE = "/thanked Dr. Lee sent a card";

describe("parseCommand reads touch commands", () => {
  it.each<[string, string, string, ParsedCommand]>([
    ["a name alone", "thanked", "Dr. Lee", thanked([["Dr. Lee", null]])],
    ["the verb with its slash", "/thanked", "Dr. Lee", thanked([["Dr. Lee", null]])],
    ["the verb in capitals", "THANKED", "Dr. Lee", thanked([["Dr. Lee", null]])],
    [
      "a note that starts with a note word",
      "thanked",
      "Dr. Lee sent a card for the knee referral",
      thanked([["Dr. Lee", "sent a card for the knee referral"]]),
    ],
    [
      "a note that could continue the name",
      "thanked",
      "Dr. Jennifer Lee-Park cookies for the front desk",
      thanked([
        ["Dr. Jennifer Lee-Park cookies", "for the front desk"],
        ["Dr. Jennifer Lee-Park", "cookies for the front desk"],
        ["Dr. Jennifer", "Lee-Park cookies for the front desk"],
      ]),
    ],
    [
      "a name of four words and no more",
      "thanked",
      "Dr. Maria Elena de la Cruz flowers",
      thanked([
        ["Dr. Maria Elena de la", "Cruz flowers"],
        ["Dr. Maria Elena de", "la Cruz flowers"],
        ["Dr. Maria Elena", "de la Cruz flowers"],
        ["Dr. Maria", "Elena de la Cruz flowers"],
      ]),
    ],
    ["a quoted name", "thanked", '"Dr. Lee" sent a card', thanked([["Dr. Lee", "sent a card"]], { explicit: true })],
    [
      "a name in curly quotes",
      "thanked",
      "“Dr. Lee” sent a card",
      thanked([["Dr. Lee", "sent a card"]], { explicit: true }),
    ],
    ["an em dash", "thanked", "Dr. Lee — sent a card", thanked([["Dr. Lee", "sent a card"]], { explicit: true })],
    [
      "an em dash without spaces",
      "thanked",
      "Dr. Lee—sent a card",
      thanked([["Dr. Lee", "sent a card"]], { explicit: true }),
    ],
    ["a spaced hyphen", "thanked", "Dr. Lee - sent a card", thanked([["Dr. Lee", "sent a card"]], { explicit: true })],
    ["a colon", "thanked", "Dr. Lee: sent a card", thanked([["Dr. Lee", "sent a card"]], { explicit: true })],
    ["a trailing colon", "thanked", "Dr. Lee:", thanked([["Dr. Lee", null]], { explicit: true })],
    ["a comma", "thanked", "Dr. Patel, lunch", thanked([["Dr. Patel", "lunch"]], { explicit: true })],
    [
      "credentials after a comma",
      "thanked",
      "Jennifer Lee, MD, sent a card",
      thanked([["Jennifer Lee, MD", "sent a card"]], { explicit: true }),
    ],
    [
      "credentials with no note",
      "thanked",
      "Jennifer Lee, MD",
      thanked([
        ["Jennifer Lee, MD", null],
        ["Jennifer", "Lee, MD"],
      ]),
    ],
    ["a hyphenated name, not a dash", "thanked", "Lee-Park", thanked([["Lee-Park", null]])],
    ["a time, not a colon", "thanked", "Dr. Lee at 3:30 for lunch", thanked([["Dr. Lee", "at 3:30 for lunch"]])],
    ["an NPI", "thanked", "1234567890 card", thanked([["1234567890", "card"]])],
    ["a sentence after the name", "thanked", "Dr. Lee. Great chat!", thanked([["Dr. Lee.", "Great chat!"]])],
    [
      "an initial",
      "thanked",
      "J. Lee Kim",
      thanked([
        ["J. Lee Kim", null],
        ["J. Lee", "Kim"],
        ["J.", "Lee Kim"],
      ]),
    ],
    ["emoji in the note", "thanked", "Dr. Lee 🎉 sent cookies", thanked([["Dr. Lee", "🎉 sent cookies"]])],
    [
      "SQL-looking text, as plain text",
      "thanked",
      "Dr. Lee'; DROP TABLE referrers;--",
      thanked([["Dr. Lee'", "DROP TABLE referrers;--"]]),
    ],
    [
      "HTML-looking text, kept as text for the renderer to escape",
      "thanked",
      "Dr. Lee <script>alert(1)</script>",
      thanked([["Dr. Lee", "<script>alert(1)</script>"]]),
    ],
    [
      "Slack's escaped angle brackets, decoded",
      "thanked",
      "Dr. Lee &lt;b&gt;card&lt;/b&gt; &amp; flowers",
      thanked([["Dr. Lee", "<b>card</b> & flowers"]]),
    ],
    [
      "a Slack mention with a label",
      "thanked",
      "Dr. Lee <@U0123ABC|ana> sent a card",
      thanked([["Dr. Lee", "sent a card"]], { doneBy: { userId: "U0123ABC", name: "ana" } }),
    ],
    [
      "a Slack mention before the name",
      "thanked",
      "<@U0123ABC> Dr. Lee",
      thanked([["Dr. Lee", null]], { doneBy: { userId: "U0123ABC", name: null } }),
    ],
    [
      "a Slack channel and link in the note",
      "thanked",
      "Dr. Lee: see <#C123|referrals> and <https://example.org/card|the card>",
      thanked([["Dr. Lee", "see #referrals and the card"]], { explicit: true }),
    ],
    [
      "control and invisible characters",
      "thanked",
      "Dr.\u0000 Lee\u200b\tsent\u0007 a card",
      thanked([["Dr. Lee", "sent a card"]]),
    ],
    ["a line break", "thanked", "Dr. Lee\nsent a card", thanked([["Dr. Lee", "sent a card"]])],
  ])("reads %s", (_, command, text, expected) => {
    expect(parseCommand(command, text)).toEqual(expected);
  });

  it.each<[string, TouchCommandName, TouchKind]>([
    ["called", "called", "call"],
    ["met", "met", "meeting"],
    ["visited", "visited", "liaison_visit"],
    ["sentback", "sentback", "returned_referral"],
    ["returned", "sentback", "returned_referral"],
    ["asked", "asked", "feedback_request"],
  ])("reads /%s as a %s touch", (verb, command, kind) => {
    expect(parseCommand(verb, "Dr. O'Brien about the MRI backlog")).toEqual(
      touch(command, kind, [["Dr. O'Brien", "about the MRI backlog"]]),
    );
  });
});

describe("parseCommand refuses what it cannot read, and says what to type", () => {
  it.each<[string, string, string, CommandParseError]>([
    ["an empty name", "thanked", "", { error: "Who did you thank? Add the referrer's name.", usage: THANKED_USAGE }],
    [
      "whitespace only",
      "thanked",
      "   \t ",
      { error: "Who did you thank? Add the referrer's name.", usage: THANKED_USAGE },
    ],
    [
      "a mention and no name",
      "called",
      "<@U1>",
      { error: "Who did you call? Add the referrer's name.", usage: usageFor("called") },
    ],
    ["emoji only", "thanked", "🎉🎉", { error: "Who did you thank? Add the referrer's name.", usage: THANKED_USAGE }],
    ["a title alone", "thanked", "Dr.", { error: "Who did you thank? Add the referrer's name.", usage: THANKED_USAGE }],
    [
      "two people mentioned",
      "thanked",
      "Dr. Lee <@U1> <@U2>",
      { error: "Mention one person at most: the one who did it.", usage: THANKED_USAGE },
    ],
    [
      "a note over 2,000 characters",
      "thanked",
      `Dr. Lee: ${"x".repeat(2_001)}`,
      {
        error: "That note is 2,001 characters; notes can be at most 2,000. Shorten it and try again.",
        usage: THANKED_USAGE,
      },
    ],
    [
      "a name over 120 characters",
      "thanked",
      `Dr. ${"L".repeat(200)}`,
      { error: "That name is too long: names can be at most 120 characters.", usage: THANKED_USAGE },
    ],
    [
      "a typo in the verb",
      "thnaked",
      "Dr. Lee",
      { error: 'I don\'t know the command "thnaked". Did you mean /thanked?', usage: THANKED_USAGE },
    ],
  ])("refuses %s", (_, command, text, expected) => {
    expect(parseCommand(command, text)).toEqual(expected);
  });

  it("refuses text over 10,000 characters politely, naming the limit", () => {
    expect(parseCommand("thanked", `Dr. Lee ${"a".repeat(10_000)}`)).toEqual({
      error: "That message is 10,008 characters; commands can be at most 10,000. Shorten the note and try again.",
      usage: THANKED_USAGE,
    });
  });

  it("answers an unknown verb with the list of commands", () => {
    const error = errorOf(parseCommand("dance", "Dr. Lee"));
    expect(error.error).toBe(
      'I don\'t know the command "dance". The commands are: /thanked, /called, /met, /visited, /sentback, /asked, /gift, ' +
        "/feedback, /referral, /referrer, /brief, /nudges, /help, /referrals needs, /referrals overview, /referrals digest, /referrals settings, /referrals team, /referrals role.",
    );
    expect(error.usage).toBe("/help");
  });

  it("keeps an absurdly long unknown verb out of the error", () => {
    expect(errorOf(parseCommand("x".repeat(5_000), "")).error.length).toBeLessThan(400);
  });

  it("drops the cuts whose name is too long but keeps the rest", () => {
    expect(parseCommand("thanked", `Dr. Lee ${"y".repeat(150)} more`)).toEqual(
      thanked([["Dr. Lee", `${"y".repeat(150)} more`]]),
    );
  });
});

describe("parseCommand reads feedback", () => {
  const feedback = (sentiment: string | null, splits: Split[], explicit: boolean) => ({
    type: "feedback",
    sentiment,
    splits: splits.map(([name, note]) => ({ name, note })),
    explicit,
    doneBy: null,
  });

  it.each<[string, string, ReturnType<typeof feedback>]>([
    [
      "Dr. Lee positive: great communication",
      "positive",
      feedback("positive", [["Dr. Lee", "great communication"]], true),
    ],
    ["Dr. Lee + quick to call back", "+ as positive", feedback("positive", [["Dr. Lee", "quick to call back"]], true)],
    ["Dr. Lee - slow reports", "- as negative", feedback("negative", [["Dr. Lee", "slow reports"]], true)],
    ["Dr. Lee 👎 slow reports", "thumbs down", feedback("negative", [["Dr. Lee", "slow reports"]], true)],
    [
      "Dr. Lee: negative, slow reports",
      "a sentiment after the colon",
      feedback("negative", [["Dr. Lee", "slow reports"]], true),
    ],
    ['"Dr. Lee" neutral fine', "a quoted name", feedback("neutral", [["Dr. Lee", "fine"]], true)],
    ["Dr. Lee", "no text, to open the form", feedback(null, [["Dr. Lee", null]], false)],
    ["Dr. Lee positive", "a sentiment and no text", feedback("positive", [["Dr. Lee", null]], true)],
    [
      "Dr. Lee great communication",
      "no sentiment",
      feedback(
        null,
        [
          ["Dr. Lee great communication", null],
          ["Dr. Lee great", "communication"],
          ["Dr. Lee", "great communication"],
        ],
        false,
      ),
    ],
  ])("reads %j (%s)", (text, _, expected) => {
    expect(parseCommand("feedback", text)).toEqual(expected);
  });

  it("asks which referrer when the name is missing", () => {
    expect(parseCommand("feedback", "")).toEqual({
      error: "Which referrer is the feedback about? Add their name.",
      usage: "/feedback Dr. Lee negative: reports arrive late",
    });
  });
});

describe("parseCommand reads the other commands", () => {
  it.each<[string, string, ParsedCommand]>([
    [
      "referral",
      "Dr. Lee: knee pain",
      { type: "referral", splits: [{ name: "Dr. Lee", note: "knee pain" }], explicit: true, doneBy: null },
    ],
    ["referrer", "Dr. Lee", { type: "referrer", name: "Dr. Lee" }],
    [
      "referrer",
      "add Dr Jane Smith, MD, Riverside Ortho, Orthopedics, Sports",
      {
        type: "referrer_add",
        name: "Dr Jane Smith, MD",
        clinic: "Riverside Ortho",
        specialty: "Orthopedics, Sports",
      },
    ],
    ["referrer", "add", { type: "referrer_add", name: null, clinic: null, specialty: null }],
    ["referrer", "new Dr Jane Smith", { type: "referrer_add", name: "Dr Jane Smith", clinic: null, specialty: null }],
    ["nudges", "", { type: "nudges", scope: "default" }],
    ["nudges", "all", { type: "nudges", scope: "all" }],
    ["nudges", "Mine", { type: "nudges", scope: "mine" }],
    ["help", "", { type: "help", topic: null }],
    ["help", "thanked", { type: "help", topic: "thanked" }],
    ["help", "/returned", { type: "help", topic: "sentback" }],
    ["help", "referrals role", { type: "help", topic: "role" }],
  ])("reads /%s %j", (command, text, expected) => {
    expect(parseCommand(command, text)).toEqual(expected);
  });

  it("asks which referrer for a profile with no name", () => {
    expect(parseCommand("referrer", "")).toEqual({
      error: "Which referrer? Add their name.",
      usage: "/referrer Dr. Lee",
    });
  });

  it("refuses a nudge list that does not exist", () => {
    expect(parseCommand("nudges", "bogus")).toEqual({
      error: '"bogus" is not a nudge list: use mine or all, or nothing.',
      usage: "/nudges mine",
    });
  });

  it("refuses help about a command that does not exist", () => {
    expect(errorOf(parseCommand("help", "bogus")).error).toMatch(
      /^There is no command called "bogus"\. The commands are: /,
    );
  });
});

describe("parseCommand reads the umbrella /referrals", () => {
  it.each<[string, ParsedCommand]>([
    ["thanked Dr. Lee sent a card", thanked([["Dr. Lee", "sent a card"]])],
    ["digest here", { type: "digest", action: "here" }],
    ["digest NOW", { type: "digest", action: "now" }],
    ["settings", { type: "settings" }],
    ["role <@U0ABC|ana> liaison", { type: "role", user: { userId: "U0ABC", name: "ana" }, role: "liaison" }],
    ["role Manager <@U0ABC>", { type: "role", user: { userId: "U0ABC", name: null }, role: "manager" }],
    ["role @ana physician", { type: "role", user: { userId: null, name: "ana" }, role: "physician" }],
    ["", { type: "help", topic: null }],
  ])("reads /referrals %j", (text, expected) => {
    expect(parseCommand("referrals", text)).toEqual(expected);
  });

  it.each<[string, CommandParseError]>([
    [
      "digest",
      {
        error:
          'Say where or when: "digest here" sends the daily digest to this conversation, "digest now" posts it now.',
        usage: "/referrals digest here",
      },
    ],
    [
      "role liaison",
      {
        error: "Mention the person whose role to set, then one of: physician, liaison, coordinator, manager.",
        usage: "/referrals role @ana liaison",
      },
    ],
    [
      "role <@U1> boss",
      {
        error: "Give exactly one role: physician, liaison, coordinator, manager.",
        usage: "/referrals role @ana liaison",
      },
    ],
    ["role <@U1> <@U2> liaison", { error: "Set one person's role at a time.", usage: "/referrals role @ana liaison" }],
    [
      "thanked",
      { error: "Who did you thank? Add the referrer's name.", usage: "/referrals thanked Dr. Lee sent a card" },
    ],
    [
      "referrals thanked Dr. Lee",
      { error: "Type /referrals once, then the command.", usage: "/referrals thanked Dr. Lee sent a card" },
    ],
  ])("refuses /referrals %j", (text, expected) => {
    expect(parseCommand("referrals", text)).toEqual(expected);
  });
});

describe("parseMessage reads whole Teams messages", () => {
  it.each<[string, ParsedCommand]>([
    ["thanked Dr. Lee sent a card", thanked([["Dr. Lee", "sent a card"]])],
    ["/thanked Dr. Lee", thanked([["Dr. Lee", null]])],
    ["<at>Referral Nudge</at> called Dr. Patel", touch("called", "call", [["Dr. Patel", null]])],
    ["<at>Referral Nudge</at>&nbsp;thanked Dr. Lee&nbsp;", thanked([["Dr. Lee", null]])],
    [
      "<at>Referral Nudge</at> thanked Dr. Lee <at>Ana Lopez</at>",
      thanked([["Dr. Lee", null]], { doneBy: { userId: null, name: "Ana Lopez" } }),
    ],
    ["<p>thanked Dr. Lee</p>", thanked([["Dr. Lee", null]])],
    ["referrals digest here", { type: "digest", action: "here" }],
    ["  help  ", { type: "help", topic: null }],
  ])("reads %j", (message, expected) => {
    expect(parseMessage(message)).toEqual(expected);
  });

  it("drops the bot's mention anywhere when told the bot's name", () => {
    expect(parseMessage("thanked Dr. Lee <at>Referral Nudge</at>", { botName: "Referral Nudge" })).toEqual(
      thanked([["Dr. Lee", null]]),
    );
  });

  it("answers an empty message with an example", () => {
    expect(parseMessage("<at>Referral Nudge</at>")).toEqual({
      error: "Type a command, for example /thanked Dr. Lee sent a card.",
      usage: "/help",
    });
  });

  it("refuses a message over 10,000 characters", () => {
    expect(errorOf(parseMessage(`thanked ${"z".repeat(10_000)}`)).error).toMatch(/at most 10,000/);
  });
});

describe("help text", () => {
  it("gives one line per command and mentions the umbrella form", () => {
    const lines = helpLines();
    expect(lines).toHaveLength(COMMAND_NAMES.length + 1);
    expect(lines[0]).toBe("/thanked Dr. Lee sent a card: Log a thank-you to a referrer.");
    expect(lines.at(-1)).toBe(
      "Every command also works after /referrals, e.g. /referrals thanked Dr. Lee sent a card. In Teams, type it without the slash.",
    );
  });

  it("shows settings-like commands in their /referrals form", () => {
    expect(helpLines("role")[0]).toBe(
      "/referrals role @ana liaison: Set someone's role: physician, liaison, coordinator or manager. (admins)",
    );
  });
});

describe("parseCommand never throws", () => {
  // A small deterministic generator, so a failure is reproducible from the seed.
  function random(seed: number) {
    let state = seed;
    return () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
  }
  const pieces = [
    "Dr.",
    "Lee",
    "thanked",
    "referrals",
    "<@U1|a>",
    "<@",
    "|",
    ">",
    "<",
    "<at>",
    "</at>",
    "&",
    "&#0;",
    "&#x1F600;",
    "&#99999999;",
    "&nbsp;",
    '"',
    "“",
    "—",
    " - ",
    ":",
    ",",
    "MD",
    "\u0000",
    "\u200b",
    "\u202e",
    "🎉",
    "👍",
    "-",
    "+",
    "\n",
    "  ",
    "\ud800",
    "x".repeat(300),
    "123",
    "1234567890",
    "add",
    "role",
    "digest",
    "here",
    "'",
    ";--",
    "\\",
  ];

  it("returns a valid command or an error with a message and a usage for 500 garbage inputs", () => {
    const next = random(42);
    const verbs = [...COMMAND_NAMES, "referrals", "returned", "", "/", "??", "x".repeat(50)];
    for (let i = 0; i < 500; i++) {
      const length = Math.floor(next() * 12);
      const text = Array.from({ length }, () => pieces[Math.floor(next() * pieces.length)]).join(
        next() < 0.5 ? " " : "",
      );
      const verb = verbs[Math.floor(next() * verbs.length)]!;
      for (const result of [parseCommand(verb, text), parseMessage(`${verb} ${text}`)]) {
        if (isCommandParseError(result)) {
          expect(result.error.length).toBeGreaterThan(0);
          expect(result.usage.length).toBeGreaterThan(0);
        } else {
          expect(ZParsedCommand.safeParse(result).success).toBe(true);
        }
      }
    }
  });

  it.each([
    ["unclosed Teams mentions", "<at>".repeat(2_400)],
    ["unclosed Slack channel links", "<#C1|".repeat(1_900)],
    ["credentials and commas", "MD, ".repeat(2_400)],
    ["titles only", "Dr. ".repeat(2_400)],
    ["a mention soup", `${"<at>a</at>".repeat(500)}<at>${"</at>".repeat(1_000)}`],
  ])("answers %s of nearly 10,000 characters", (_, text) => {
    for (const result of [parseMessage(text), parseCommand("thanked", text), parseCommand("feedback", text)]) {
      expect(isCommandParseError(result) || ZParsedCommand.safeParse(result).success).toBe(true);
    }
  });

  it("survives random code points", () => {
    const next = random(7);
    for (let i = 0; i < 300; i++) {
      const text = String.fromCodePoint(
        ...Array.from({ length: 1 + Math.floor(next() * 40) }, () => Math.floor(next() * 0x2ffff)),
      );
      expect(() => parseCommand("thanked", text)).not.toThrow();
      expect(() => parseMessage(text)).not.toThrow();
    }
  });
});

describe("parseCommand reads a complaint's resolution", () => {
  const resolves = (name: string, note: string | null) => ({
    type: "feedback",
    sentiment: null,
    resolves: true,
    splits: [{ name, note }],
    explicit: true,
    doneBy: null,
  });

  it.each<[string, ReturnType<typeof resolves>]>([
    ["Dr. Lee resolved: called her back", resolves("Dr. Lee", "called her back")],
    ["Dr. Lee: resolved, called her back", resolves("Dr. Lee", "called her back")],
    ["Dr. Jennifer Lee-Park, MD resolved - sent a letter", resolves("Dr. Jennifer Lee-Park, MD", "sent a letter")],
    ['"Dr. Lee" resolved: new courier', resolves("Dr. Lee", "new courier")],
    ["Dr. Lee resolved", resolves("Dr. Lee", null)],
  ])("%s", (text, expected) => {
    expect(parseCommand("feedback", text)).toEqual(expected);
  });

  it("leaves feedback that merely mentions the word as feedback", () => {
    expect(parseCommand("feedback", "Dr. Lee negative: resolved nothing")).toMatchObject({
      sentiment: "negative",
      splits: [{ name: "Dr. Lee", note: "resolved nothing" }],
    });
    expect(parseCommand("feedback", "Dr. Lee negative: resolved nothing")).not.toHaveProperty("resolves");
  });
});
