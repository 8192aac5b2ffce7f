import { UsageError } from './args';
import { AUDIT_USAGE, auditCommand } from './commands/audit';
import { DEMO_USAGE, demoCommand } from './commands/demo';
import { MONITOR_USAGE, monitorCommand } from './commands/monitor';
import { PORTS_USAGE, portsCommand } from './commands/ports';
import { SIM_USAGE, simCommand } from './commands/sim';
import { START_USAGE, startCommand } from './commands/start';
import { USERS_USAGE, usersCommand } from './commands/users';
import { KEYS_USAGE, keysCommand } from './commands/keys';
import { LOG_USAGE, logCommand } from './commands/log';
import { OUTCOME_USAGE, outcomeCommand } from './commands/outcome';
import { PLATFORM_RECEIVER_USAGE, platformReceiverCommand } from './commands/platform-receiver';
import { VISION_USAGE, visionCommand } from './commands/vision';
import { REGIONS_USAGE, regionsCommand } from './commands/regions';
import { OBS_USAGE, obsCommand } from './commands/obs';

const COMMANDS: Record<string, { run: (argv: string[]) => Promise<number>; usage: string; summary: string }> =
  {
    start: {
      run: startCommand,
      usage: START_USAGE,
      summary: 'the headless desk of one table (the demo table when no --config)',
    },
    demo: {
      run: demoCommand,
      usage: DEMO_USAGE,
      summary: 'a table on simulated devices, decoded by the real drivers',
    },
    sim: { run: simCommand, usage: SIM_USAGE, summary: 'simulate a wheel or shoe on a serial port or TCP' },
    monitor: {
      run: monitorCommand,
      usage: MONITOR_USAGE,
      summary: "decode a wheel or shoe live (the technician's view), or replay a capture",
    },
    ports: { run: portsCommand, usage: PORTS_USAGE, summary: 'list serial ports with their USB identity' },
    users: {
      run: usersCommand,
      usage: USERS_USAGE,
      summary: 'add a user to a table file, or set a PIN/password',
    },
    audit: { run: auditCommand, usage: AUDIT_USAGE, summary: "verify the journal's hash chain, or list it" },
    outcome: {
      run: outcomeCommand,
      usage: OUTCOME_USAGE,
      summary: 'verify signed outcomes (signature, canonical form, chain)',
    },
    log: {
      run: logCommand,
      usage: LOG_USAGE,
      summary: 'transparency log: inclusion/consistency proofs, verify the whole log',
    },
    keys: {
      run: keysCommand,
      usage: KEYS_USAGE,
      summary: 'outcome signing keys: export the JWKS, list, rotate',
    },
    'platform-receiver': {
      run: platformReceiverCommand,
      usage: PLATFORM_RECEIVER_USAGE,
      summary: 'the reference platform: verifies and stores delivered outcomes',
    },
    vision: {
      run: visionCommand,
      usage: VISION_USAGE,
      summary: 'classify card or pocket crops with the on-device model (one JSON line per image)',
    },
    regions: {
      run: regionsCommand,
      usage: REGIONS_USAGE,
      summary: "crop a table's vision regions out of a camera frame (crops, overlay, --classify)",
    },
    obs: {
      run: obsCommand,
      usage: OBS_USAGE,
      summary: "check a table's scene plan against its OBS; screenshot a camera",
    },
  };

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`);
  return `studio-desk <command> [options]\n\n${lines.join('\n')}\n\nstudio-desk <command> --help for each command's options.`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`studio-desk: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`studio-desk ${name}: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`studio-desk ${name}: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
