import { describe, expect, it } from 'vitest';
import { validateTableConfig } from '../../engine/config/validate';
import {
  fullRoulette,
  HASH,
  minimalBaccarat,
  minimalRoulette,
  problems,
  WEAK_HASH,
  type Input,
} from './support';

type Case = [
  name: string,
  base: () => Input,
  edit: (c: Input) => void,
  path: string,
  message: string | RegExp,
];

/**
 * One wrong file per rule: the edit applied to a valid table, the field the message must name, and
 * the message. Each case must produce exactly one problem, at that path.
 */
const CASES: Case[] = [
  // table
  ['table id not a slug', minimalRoulette, (c) => (c.table.id = 'Roulette 1'), 'table.id', /must be a slug/],
  ['table name empty', minimalRoulette, (c) => (c.table.name = '  '), 'table.name', 'must not be empty'],
  ['studio missing', minimalRoulette, (c) => delete c.table.studio, 'table.studio', 'required'],
  [
    'studio not a slug',
    minimalRoulette,
    (c) => (c.table.studio = 'Studio_A'),
    'table.studio',
    /must be a slug/,
  ],
  [
    'unknown game',
    minimalRoulette,
    (c) => (c.table.game = 'poker'),
    'table.game',
    'unknown game "poker" (known: roulette, baccarat, blackjack)',
  ],
  [
    'typo in a table key',
    minimalRoulette,
    (c) => (c.table.gmae = 'roulette'),
    'table.gmae',
    'unknown key (did you mean "game"?)',
  ],
  ['table section missing', minimalRoulette, (c) => delete c.table, 'table', 'required'],

  // devices
  [
    'wheel port that is no port',
    minimalRoulette,
    (c) => (c.devices.wheel.port = 'ttyUSB0'),
    'devices.wheel.port',
    /"ttyUSB0" is not a port: give a path/,
  ],
  [
    'wheel tcp port without a port number',
    minimalRoulette,
    (c) => (c.devices.wheel.port = 'tcp://10.0.0.20'),
    'devices.wheel.port',
    '"tcp://10.0.0.20" is not a tcp://host:port address',
  ],
  [
    'wheel usb id that is not hex',
    minimalRoulette,
    (c) => (c.devices.wheel.port = 'usb:ftdi:6001'),
    'devices.wheel.port',
    /is not usb:VID:PID\[:SERIAL\]/,
  ],
  [
    'wheel port missing and not simulated',
    minimalRoulette,
    (c) => delete c.devices.wheel.port,
    'devices.wheel.port',
    'required (or simulate: true to run the built-in simulator)',
  ],
  [
    'unknown wheel protocol',
    minimalRoulette,
    (c) => (c.devices.wheel.protocol = 'cammeg-extended'),
    'devices.wheel.protocol',
    'unknown wheel protocol "cammeg-extended" (known: sdlp, cammegh-basic, cammegh-advanced, cammegh-extended)',
  ],
  [
    'wheel protocol missing',
    minimalRoulette,
    (c) => delete c.devices.wheel.protocol,
    'devices.wheel.protocol',
    'required',
  ],
  [
    'wheel layout unknown',
    minimalRoulette,
    (c) => (c.devices.wheel.layout = 'french'),
    'devices.wheel.layout',
    '"french" is not one of "european", "american"',
  ],
  [
    'baud rate as text',
    minimalRoulette,
    (c) => (c.devices.wheel.serial = { baudRate: 'fast' }),
    'devices.wheel.serial.baudRate',
    'expected a number, got text',
  ],
  [
    'baud rate too low',
    minimalRoulette,
    (c) => (c.devices.wheel.serial = { baudRate: 10 }),
    'devices.wheel.serial.baudRate',
    'must be at least 50',
  ],
  [
    'data bits 9',
    minimalRoulette,
    (c) => (c.devices.wheel.serial = { dataBits: 9 }),
    'devices.wheel.serial.dataBits',
    '9 is not one of 5, 6, 7, 8',
  ],
  [
    'parity misspelt',
    minimalRoulette,
    (c) => (c.devices.wheel.serial = { parity: 'evn' }),
    'devices.wheel.serial.parity',
    '"evn" is not one of "none", "even", "odd", "mark", "space"',
  ],
  [
    'stop bits 3',
    minimalRoulette,
    (c) => (c.devices.wheel.serial = { stopBits: 3 }),
    'devices.wheel.serial.stopBits',
    '3 is not one of 1, 1.5, 2',
  ],
  [
    'rtscts as text',
    minimalRoulette,
    (c) => (c.devices.wheel.serial = { rtscts: 'yes' }),
    'devices.wheel.serial.rtscts',
    'expected true or false, got text',
  ],
  [
    'shortened serial key',
    minimalRoulette,
    (c) => (c.devices.wheel.serial = { baud: 9600 }),
    'devices.wheel.serial.baud',
    'unknown key (did you mean "baudRate"?)',
  ],
  [
    'negative stale time',
    minimalRoulette,
    (c) => (c.devices.wheel.staleAfterMs = -1),
    'devices.wheel.staleAfterMs',
    'must be at least 0',
  ],
  [
    'simulate as text',
    minimalRoulette,
    (c) => (c.devices.wheel.simulate = 'yes'),
    'devices.wheel.simulate',
    'expected true or false, got text',
  ],
  [
    'typo in a wheel key',
    minimalRoulette,
    (c) => (c.devices.wheel.protcol = 'sdlp'),
    'devices.wheel.protcol',
    'unknown key (did you mean "protocol"?)',
  ],
  [
    'wheel protocol on the shoe',
    minimalBaccarat,
    (c) => (c.devices.shoe.protocol = 'cammegh-basic'),
    'devices.shoe.protocol',
    'unknown shoe protocol "cammegh-basic" (known: sdlp)',
  ],
  [
    'no decks',
    minimalBaccarat,
    (c) => (c.devices.shoe.decks = 0),
    'devices.shoe.decks',
    'must be at least 1',
  ],
  [
    '13 decks',
    minimalBaccarat,
    (c) => (c.devices.shoe.decks = 13),
    'devices.shoe.decks',
    'must be at most 12',
  ],
  [
    'half a deck',
    minimalBaccarat,
    (c) => (c.devices.shoe.decks = 7.5),
    'devices.shoe.decks',
    'expected a whole number, got a number',
  ],
  [
    'layout on a shoe',
    minimalBaccarat,
    (c) => (c.devices.shoe.layout = 'european'),
    'devices.shoe.layout',
    /unknown key/,
  ],
  [
    'roulette without a wheel',
    minimalRoulette,
    (c) => (c.devices = { shoe: { simulate: true, protocol: 'sdlp' } }),
    'devices.wheel',
    'required: a roulette table needs a wheel',
  ],
  [
    'baccarat without a shoe',
    minimalBaccarat,
    (c) => (c.devices = {}),
    'devices.shoe',
    'required: a baccarat table needs a shoe',
  ],
  [
    'blackjack without a shoe',
    minimalBaccarat,
    (c) => {
      c.table.game = 'blackjack';
      c.devices = { wheel: { simulate: true, protocol: 'sdlp' } };
    },
    'devices.shoe',
    'required: a blackjack table needs a shoe',
  ],
  ['devices missing', minimalRoulette, (c) => delete c.devices, 'devices', 'required'],

  // rules
  [
    'betting time too short',
    minimalRoulette,
    (c) => (c.rules = { roulette: { bettingSeconds: 4 } }),
    'rules.roulette.bettingSeconds',
    'must be at least 5',
  ],
  [
    'betting time too long',
    minimalRoulette,
    (c) => (c.rules = { roulette: { bettingSeconds: 121 } }),
    'rules.roulette.bettingSeconds',
    'must be at most 120',
  ],
  [
    'unknown misspin policy',
    minimalRoulette,
    (c) => (c.rules = { roulette: { misspinPolicy: 'again' } }),
    'rules.roulette.misspinPolicy',
    '"again" is not one of "respin", "floor_manager"',
  ],
  [
    'negative respins',
    minimalRoulette,
    (c) => (c.rules = { roulette: { maxRespins: -1 } }),
    'rules.roulette.maxRespins',
    'must be at least 0',
  ],
  [
    'baccarat rules on a roulette table',
    minimalRoulette,
    (c) => (c.rules = { baccarat: { cutCardDepth: 16 } }),
    'rules.baccarat',
    'this is a roulette table: baccarat rules do not apply (rules.roulette?)',
  ],
  [
    'cut card too shallow',
    minimalBaccarat,
    (c) => (c.rules = { baccarat: { cutCardDepth: 10 } }),
    'rules.baccarat.cutCardDepth',
    'must be at least 11',
  ],
  [
    'cut card in the front half of the shoe',
    minimalBaccarat,
    (c) => (c.rules = { baccarat: { cutCardDepth: 209 } }),
    'rules.baccarat.cutCardDepth',
    'must be at most 208 with 8 decks: the cut card goes in the back half of the shoe',
  ],
  [
    'rules decks disagree with the shoe',
    minimalBaccarat,
    (c) => (c.rules = { baccarat: { decks: 6 } }),
    'rules.baccarat.decks',
    /^6 decks, but devices\.shoe\.decks is 8/,
  ],
  [
    'unknown burn procedure',
    minimalBaccarat,
    (c) => (c.rules = { baccarat: { burn: 'none' } }),
    'rules.baccarat.burn',
    'must be "standard" (got "none")',
  ],
  [
    'soft 17 rule as text',
    minimalBaccarat,
    (c) => {
      c.table.game = 'blackjack';
      c.rules = { blackjack: { dealerHitsSoft17: 'H17' } };
    },
    'rules.blackjack.dealerHitsSoft17',
    'expected true or false, got text',
  ],
  [
    'rules for an unknown game',
    minimalRoulette,
    (c) => (c.rules = { craps: {} }),
    'rules.craps',
    /unknown key \(known: roulette, baccarat, blackjack\)/,
  ],

  // obs
  [
    'obs url with http',
    fullRoulette,
    (c) => (c.obs.url = 'http://127.0.0.1:4455'),
    'obs.url',
    'must be ws://host:port (obs-websocket listens on port 4455 unless told otherwise)',
  ],
  [
    'obs url with credentials',
    fullRoulette,
    (c) => (c.obs.url = 'ws://desk:secret@127.0.0.1:4455'),
    'obs.url',
    'credentials never go in the URL: use passwordEnv',
  ],
  [
    'obs url without port',
    fullRoulette,
    (c) => (c.obs.url = 'ws://127.0.0.1'),
    'obs.url',
    /must be ws:\/\/host:port/,
  ],
  [
    'obs password in the file',
    fullRoulette,
    (c) => (c.obs.password = 'hunter22'),
    'obs.password',
    'secrets never go in the table file: put the OBS password in an environment variable and give its name as passwordEnv',
  ],
  [
    'obs passwordEnv not a variable name',
    fullRoulette,
    (c) => (c.obs.passwordEnv = 'OBS PASSWORD'),
    'obs.passwordEnv',
    /must be the name of an environment variable/,
  ],
  ['scene plan missing', fullRoulette, (c) => delete c.obs.scenePlan, 'obs.scenePlan', 'required'],
  [
    'scene plan without phases',
    fullRoulette,
    (c) => (c.obs.scenePlan.phases = {}),
    'obs.scenePlan.phases',
    'give at least one phase → scene',
  ],
  [
    'misspelt phase',
    fullRoulette,
    (c) => (c.obs.scenePlan.phases.spining = 'Wheel'),
    'obs.scenePlan.phases.spining',
    'not a roulette round phase (did you mean "spinning"?)',
  ],
  [
    'card phase on a roulette table',
    fullRoulette,
    (c) => (c.obs.scenePlan.phases.dealing = 'Table'),
    'obs.scenePlan.phases.dealing',
    /^not a roulette round phase \(known: idle, betting_open/,
  ],
  [
    'empty scene name',
    fullRoulette,
    (c) => (c.obs.scenePlan.phases.result = ''),
    'obs.scenePlan.phases.result',
    'must not be empty',
  ],
  [
    'camera without a scene',
    fullRoulette,
    (c) => (c.obs.scenePlan.cameras.wide = { source: 'Wide Cam' }),
    'obs.scenePlan.cameras.wide.scene',
    'required',
  ],
  [
    'transition too long',
    fullRoulette,
    (c) => (c.obs.scenePlan.transitions.default.durationMs = 20_000),
    'obs.scenePlan.transitions.default.durationMs',
    'must be at most 10000',
  ],
  [
    'transition for an unknown phase',
    fullRoulette,
    (c) => (c.obs.scenePlan.transitions.phases.spinnig = { name: 'Cut' }),
    'obs.scenePlan.transitions.phases.spinnig',
    'not a roulette round phase (did you mean "spinning"?)',
  ],
  [
    'negative dwell time',
    fullRoulette,
    (c) => (c.obs.minDwellMs = -5),
    'obs.minDwellMs',
    'must be at least 0',
  ],

  // vision
  [
    'confidence above 1',
    fullRoulette,
    (c) => (c.vision.minConfidence = 1.5),
    'vision.minConfidence',
    'must be at most 1',
  ],
  [
    'region outside the frame',
    fullRoulette,
    (c) => (c.vision.regions.wheel.x = 1.2),
    'vision.regions.wheel.x',
    'must be at most 1',
  ],
  [
    'region past the right edge',
    fullRoulette,
    (c) => (c.vision.regions.wheel.w = 0.8),
    'vision.regions.wheel.w',
    'x + w must be at most 1 (fractions of the frame)',
  ],
  [
    'empty region',
    fullRoulette,
    (c) => (c.vision.regions.wheel.h = 0),
    'vision.regions.wheel.h',
    'must be more than 0',
  ],
  [
    'region of a camera the scene plan does not have',
    fullRoulette,
    (c) => (c.vision.regions.wheeel = { x: 0, y: 0, w: 1, h: 1 }),
    'vision.regions.wheeel',
    'not a camera of obs.scenePlan.cameras (did you mean "wheel"?)',
  ],
  [
    'model that is not onnx',
    fullRoulette,
    (c) => (c.vision.models.roulette = 'models/roulette.pt'),
    'vision.models.roulette',
    'must be an .onnx model file',
  ],
  [
    'vision on without the game’s model',
    fullRoulette,
    (c) => (c.vision.models = { card: 'models/card.onnx' }),
    'vision.models.roulette',
    'required when vision is enabled on a roulette table',
  ],
  [
    'vision on a baccarat table without the card model',
    minimalBaccarat,
    (c) => (c.vision = { enabled: true }),
    'vision.models.card',
    'required when vision is enabled on a baccarat table',
  ],

  // platform
  [
    'webhook over ftp',
    fullRoulette,
    (c) => (c.platform.webhook.url = 'ftp://platform.example/'),
    'platform.webhook.url',
    'must be an http:// or https:// URL',
  ],
  [
    'webhook url with credentials',
    fullRoulette,
    (c) => (c.platform.webhook.url = 'https://desk:pw@platform.example/'),
    'platform.webhook.url',
    'credentials never go in the URL: use secretEnv',
  ],
  [
    'webhook secret in the file',
    fullRoulette,
    (c) => (c.platform.webhook.secret = 'whsec_abc'),
    'platform.webhook.secret',
    /^secrets never go in the table file: .* give its name as secretEnv$/,
  ],
  [
    'no nats servers',
    fullRoulette,
    (c) => (c.platform.nats.servers = []),
    'platform.nats.servers',
    'must list at least one entry',
  ],
  [
    'nats server without scheme',
    fullRoulette,
    (c) => (c.platform.nats.servers = ['127.0.0.1:4222']),
    'platform.nats.servers[0]',
    'must be nats://host[:port] or tls://host[:port]',
  ],
  [
    'nats subject with a wildcard',
    fullRoulette,
    (c) => (c.platform.nats.subjectPrefix = 'outcomes.>'),
    'platform.nats.subjectPrefix',
    /must be NATS subject tokens/,
  ],
  [
    'platform with nowhere to deliver',
    fullRoulette,
    (c) => (c.platform = { signingKeyDir: './keys' }),
    'platform',
    'give webhook, nats or both',
  ],

  // journal
  [
    'empty journal path',
    minimalRoulette,
    (c) => (c.journal = { path: '' }),
    'journal.path',
    'must not be empty',
  ],

  // users
  ['no users', minimalRoulette, (c) => (c.users = []), 'users', 'must list at least one entry'],
  [
    'a plain PIN as secret',
    minimalRoulette,
    (c) => (c.users[0].secret = '1234'),
    'users[0].secret',
    'must be a hash made by `studio-desk users add` (scrypt$N$r$p$salt$hash), never a plain PIN or password',
  ],
  [
    'a PIN written as a number',
    minimalRoulette,
    (c) => (c.users[0].secret = 1234),
    'users[0].secret',
    /^must be a hash made by `studio-desk users add`/,
  ],
  [
    'secret missing',
    minimalRoulette,
    (c) => delete c.users[0].secret,
    'users[0].secret',
    'required: set one with `studio-desk users add`',
  ],
  [
    'a hash cheaper than the default cost',
    minimalRoulette,
    (c) => (c.users[0].secret = WEAK_HASH),
    'users[0].secret',
    /^is a weaker hash than the desk accepts \(at least N=32768, r=8, p=1/,
  ],
  [
    'a pin key',
    minimalRoulette,
    (c) => (c.users[0].pin = '1234'),
    'users[0].pin',
    /^plain PINs and passwords never go in the table file: set one with `studio-desk users add`/,
  ],
  [
    'a password key',
    minimalRoulette,
    (c) => (c.users[0].password = 'hunter22'),
    'users[0].password',
    /^plain PINs and passwords never go in the table file/,
  ],
  [
    'misspelt role',
    minimalRoulette,
    (c) => c.users.push({ id: 'bo', name: 'Bo', role: 'floor-manager', secret: HASH }),
    'users[1].role',
    'unknown role "floor-manager" (did you mean "floor_manager"?)',
  ],
  [
    'unknown role',
    minimalRoulette,
    (c) => c.users.push({ id: 'bo', name: 'Bo', role: 'pit_boss', secret: HASH }),
    'users[1].role',
    'unknown role "pit_boss" (known: dealer, floor_manager, technician)',
  ],
  [
    'duplicate user id',
    minimalRoulette,
    (c) => c.users.push({ id: 'ana', name: 'Ana again', role: 'dealer', secret: HASH }),
    'users[1].id',
    'duplicate user id "ana" (also users[0])',
  ],
  [
    'no floor manager',
    minimalRoulette,
    (c) => (c.users[0].role = 'dealer'),
    'users',
    'no floor manager: voids and results held for review need one',
  ],
  ['user id not a slug', minimalRoulette, (c) => (c.users[0].id = 'Ana B'), 'users[0].id', /must be a slug/],
  [
    'users not a list',
    minimalRoulette,
    (c) => (c.users = { ana: {} }),
    'users',
    'expected a list, got a map of settings',
  ],

  // server
  [
    'server port too high',
    fullRoulette,
    (c) => (c.server.port = 70_000),
    'server.port',
    'must be at most 65535',
  ],
  [
    'server host with a scheme',
    fullRoulette,
    (c) => (c.server.host = 'http://localhost'),
    'server.host',
    'must be a host name or IP address, e.g. 127.0.0.1',
  ],

  // top level
  [
    'misspelt section',
    minimalRoulette,
    (c) => (c.vison = {}),
    'vison',
    'unknown key (did you mean "vision"?)',
  ],
];

describe('table configuration: each wrong file gets one message naming the field', () => {
  it.each(CASES)('%s', (_name, base, edit, path, message) => {
    const input = base();
    expect(problems(input), 'the base table is valid').toEqual([]);
    edit(input);
    const found = problems(input);
    expect(found).toHaveLength(1);
    const [foundPath, ...rest] = (found[0] as string).split(': ');
    expect(foundPath).toBe(path);
    const foundMessage = rest.join(': ');
    if (typeof message === 'string') expect(foundMessage).toBe(message);
    else expect(foundMessage).toMatch(message);
  });
});

describe('table configuration: valid files', () => {
  it('accepts the smallest roulette, baccarat and blackjack tables and a full one', () => {
    expect(problems(minimalRoulette())).toEqual([]);
    expect(problems(minimalBaccarat())).toEqual([]);
    const blackjack = minimalBaccarat();
    blackjack.table.game = 'blackjack';
    blackjack.rules = { blackjack: { dealerHitsSoft17: true } };
    expect(problems(blackjack)).toEqual([]);
    expect(problems(fullRoulette())).toEqual([]);
  });

  it('fills in the defaults', () => {
    const r = validateTableConfig(minimalRoulette());
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
    const c = r.config;
    expect(c.devices.wheel).toEqual({
      port: '/dev/serial/by-id/usb-Cammegh-wheel',
      protocol: 'cammegh-extended',
      layout: 'european',
      simulate: false,
    });
    expect(c.rules.roulette).toEqual({
      bettingSeconds: 15,
      misspinPolicy: 'respin',
      maxRespins: 3,
      autoOpen: false,
    });
    expect(c.rules.baccarat).toEqual({ decks: 8, cutCardDepth: 16, burn: 'standard' });
    expect(c.rules.blackjack).toEqual({ dealerHitsSoft17: false });
    expect(c.journal.path).toBe('./var/roulette-1/journal.sqlite');
    expect(c.server).toBeUndefined();
    expect(c.obs).toBeUndefined();
  });

  it('fills the defaults of optional sections when they are given', () => {
    const input = fullRoulette();
    delete input.obs.minDwellMs;
    delete input.vision.minConfidence;
    delete input.vision.enabled;
    delete input.platform.nats.subjectPrefix;
    input.server = {};
    const r = validateTableConfig(input);
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
    expect(r.config.obs?.minDwellMs).toBe(1500);
    expect(r.config.vision?.enabled).toBe(true);
    expect(r.config.vision?.minConfidence).toBe(0.9);
    expect(r.config.platform?.nats?.subjectPrefix).toBe('outcomes');
    expect(r.config.server).toEqual({ host: '127.0.0.1', port: 7700 });
  });

  it('takes the baccarat decks from the shoe', () => {
    const input = minimalBaccarat();
    input.devices.shoe.decks = 6;
    input.rules = { baccarat: { decks: 6, cutCardDepth: 14 } };
    const r = validateTableConfig(input);
    expect(r.ok && r.config.rules.baccarat).toEqual({ decks: 6, cutCardDepth: 14, burn: 'standard' });
    delete input.rules.baccarat.decks;
    const r2 = validateTableConfig(input);
    expect(r2.ok && r2.config.rules.baccarat.decks).toBe(6);
  });

  it('needs no port for a simulated device, and accepts one', () => {
    const input = minimalRoulette();
    input.devices.wheel = { simulate: true, protocol: 'sdlp' };
    expect(problems(input)).toEqual([]);
    input.devices.wheel.port = 'tcp://127.0.0.1:7001';
    expect(problems(input)).toEqual([]);
  });

  it('accepts every port form and every protocol', () => {
    for (const port of [
      '/dev/serial/by-id/usb-x',
      'COM3',
      'usb:0403:6001',
      'usb:0403:6001:A1B2',
      'tcp://[::1]:4001',
    ])
      for (const protocol of ['sdlp', 'cammegh-basic', 'cammegh-advanced', 'cammegh-extended']) {
        const input = minimalRoulette();
        input.devices.wheel = { port, protocol };
        expect(problems(input), `${port} ${protocol}`).toEqual([]);
      }
  });

  it('lets vision be switched off without models', () => {
    const input = minimalRoulette();
    input.vision = { enabled: false };
    expect(problems(input)).toEqual([]);
  });
});

describe('table configuration: reporting', () => {
  it('lists every problem of a file at once, including rules across sections', () => {
    const input = fullRoulette();
    input.table.id = 'Bad Id';
    input.devices.wheel.protocol = 'nope';
    input.devices.wheel.extra = 1;
    input.obs.password = 'x';
    input.obs.scenePlan.phases.spining = 'Wheel';
    input.users[0].secret = '1234';
    input.users[1].id = 'ana';
    input.server.port = -1;
    const found = problems(input).map((p) => p.split(': ')[0]);
    expect(found.sort()).toEqual(
      [
        'table.id',
        'devices.wheel.protocol',
        'devices.wheel.extra',
        'obs.password',
        'obs.scenePlan.phases.spining',
        'users[0].secret',
        'users[1].id',
        'server.port',
      ].sort(),
    );
  });

  it('never repeats a secret in a message', () => {
    const input = minimalRoulette();
    input.users[0].secret = 'my-pin-98761';
    input.obs = {
      url: 'ws://127.0.0.1:4455',
      password: 'obs-pass-55221',
      scenePlan: { phases: { idle: 'A' } },
    };
    const text = problems(input).join('\n');
    expect(text).not.toContain('98761');
    expect(text).not.toContain('55221');
  });

  it('says what the top level should be', () => {
    expect(problems(['table'])).toEqual(['(top level): expected a map of settings, got a list']);
    expect(problems('table: x')).toEqual(['(top level): expected a map of settings, got text']);
  });

  it('reports a misspelt key and the field it leaves missing', () => {
    const input = minimalRoulette();
    input.table.gmae = input.table.game;
    delete input.table.game;
    expect(problems(input)).toEqual([
      'table.game: required',
      'table.gmae: unknown key (did you mean "game"?)',
    ]);
  });

  it('reports each unknown key of an object on its own line', () => {
    const input = minimalRoulette();
    input.devices.wheel.prot = 'x';
    input.devices.wheel.lay = 'x';
    expect(problems(input)).toEqual([
      'devices.wheel.prot: unknown key (did you mean "port"?)',
      'devices.wheel.lay: unknown key (did you mean "layout"?)',
    ]);
  });
});
