import { Command, CommanderError } from 'commander';
import { DataFileError, dataFileText, previewDataFile, type DataOverrides } from './data-file';
import { formatInspect, INSPECT_TEXT_ROWS, inspectReport } from './inspect';
import { formatImageInspect, inspectImagesReport, inspectTarget, projectFileMessage } from './inspect-images';
import { ImageFolderError } from '../data/image-folder';
import { addModelCommands } from './model-files';
import { addLrFindCommand } from './lr-find';
import { addRunsCommand } from './runs';
import { runImportRun } from './import-run';
import type { CsvTrainChoices } from './csv-train';
import { collectColumns, collectInputRow, collectMissing, parseDecimal, parseDelimiter, parseEncoding, parseEarlyStopping, parseEarlyStoppingMode, parseEpochs, parseKeepBest, parseLrSchedule, parseReduceLrOnPlateau, parseThousands, parseWarmupSteps } from './options';
import type { KeepBestSettings, LrScheduleSettings, ReduceLrOnPlateauSettings } from '../../shared/project/schema';
import { EXIT, runCommand, type CliIo, type RunOptions } from './run';
import { collectSweepParam, parseBudget, parseSeed, parseSweepMetric, runSweep, type SweepParamText } from './sweep';
import type { MissingStrategy, RawValue } from '../../shared/data/preprocess';
import { translator, type Translate } from '../../shared/i18n/translate';
import { cliLanguage, cliT, commanderErrorText, parseLang } from './language';

/**
 * `neurite train|predict|summary|inspect|runs|import|export|import-run|lr-find|sweep`: the headless command line. Arguments are parsed by
 * commander (usage, `--help` for the program and each command, unknown options and bad values
 * reported with the usage exit code); the runs themselves are in run.ts, inspect.ts and model-files.ts.
 */

export { EXIT, formatSummary, type CliIo } from './run';

const consoleIo: CliIo = { out: (line) => process.stdout.write(line + '\n'), err: (line) => process.stderr.write(line + '\n') };

interface SweepFlags {
  grid?: SweepParamText[];
  random?: SweepParamText[];
  budget?: number;
  seed?: number;
  metric?: { monitor: string; mode: 'auto' | 'min' | 'max' };
  epochs?: number;
  save?: boolean;
  out?: string;
  resume?: string;
  json?: boolean;
}

/** The data-reading flags (inspect and train --csv): the overrides, plus --json. */
interface DataFlags extends DataOverrides {
  json?: boolean;
}

interface TrainFlags extends DataFlags {
  epochs?: number;
  csv?: string;
  label?: string;
  ignore?: string[];
  categorical?: string[];
  numeric?: string[];
  normalize?: boolean;
  save?: string;
  tensorboard?: string;
  earlyStopping?: { monitor: string; patience: number; minDelta: number };
  earlyStoppingMode?: 'auto' | 'min' | 'max';
  restoreBestWeights?: boolean;
  reduceLrOnPlateau?: ReduceLrOnPlateauSettings;
  lrSchedule?: LrScheduleSettings;
  warmupSteps?: number;
  keepBest?: KeepBestSettings;
  missing?: { column: string; strategy: MissingStrategy }[];
  missingIndicator?: string[];
  indexEncoding?: string[];
}

interface PredictFlags {
  epochs?: number;
  json?: boolean;
  input?: RawValue[][];
  image?: string[];
  retrain?: boolean;
}

function overridesOf(flags: DataFlags): DataOverrides {
  const { delimiter, header, encoding, decimal, thousands, sheet } = flags;
  return Object.fromEntries(Object.entries({ delimiter, header, encoding, decimal, thousands, sheet }).filter(([, v]) => v !== undefined)) as DataOverrides;
}

/** The options naming how a data file is read; inspect and train --csv take the same ones. */
function addDataOptions(command: Command, t: Translate): Command {
  return command
    .option('--delimiter <char>', t('cli.opt.data.delimiter'), parseDelimiter)
    .option('--header', t('cli.opt.data.header'))
    .option('--no-header', t('cli.opt.data.noHeader'))
    .option('--encoding <name>', t('cli.opt.data.encoding'), parseEncoding)
    .option('--decimal <mark>', t('cli.opt.data.decimal'), parseDecimal)
    .option('--thousands <sep>', t('cli.opt.data.thousands'), parseThousands)
    .option('--sheet <name>', t('cli.opt.data.sheet'));
}

/** commander's help titles ('Usage:', 'Options:'…) in the language of `t`. */
function helpTitles(t: Translate): Record<string, string> {
  return {
    'Usage:': t('cli.help.title.usage'),
    'Arguments:': t('cli.help.title.arguments'),
    'Options:': t('cli.help.title.options'),
    'Global Options:': t('cli.help.title.globalOptions'),
    'Commands:': t('cli.help.title.commands'),
  };
}

/** The command line's program: a fresh one per call, each command's action setting `result`. */
function buildProgram(io: CliIo, done: (code: Promise<number>) => void): Command {
  // Issue 16: help and messages in the language of --lang / the locale (main() has picked it before parsing).
  const t = cliT(io);
  const EXIT_CODES = '\n' + t('cli.help.exitCodes');
  const titles = helpTitles(t);
  const program = new Command('neurite')
    .description(t('cli.program'))
    .option('--lang <language>', t('cli.lang.option'), parseLang(t))
    .helpOption('-h, --help', t('cli.help.help'))
    .helpCommand('help [command]', t('cli.help.help'))
    .configureHelp({ showGlobalOptions: true, styleTitle: (title) => titles[title] ?? title })
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.replace(/\n$/, '')),
      writeErr: (text) => io.err(text.replace(/\n$/, '')),
      // commander says "error: unknown option '--x'"; the command line's messages start with its name, in its language.
      outputError: (text, write) => write(commanderErrorText(text, t)),
    })
    .showHelpAfterError(t('cli.help.afterError'))
    .addHelpText('after', EXIT_CODES);

  program
    .command('train')
    .description(t('cli.cmd.train'))
    .argument('<project>', t('cli.arg.project'))
    .option('--epochs <n>', t('cli.opt.epochs'), parseEpochs)
    .option('--json', t('cli.opt.json'))
    .option('--save <file>', t('cli.opt.train.save'))
    .option('--tensorboard <dir>', t('cli.opt.train.tensorboard'))
    .option('--early-stopping <monitor[:patience[:minDelta]]>', t('cli.opt.train.earlyStopping'), parseEarlyStopping)
    .option('--early-stopping-mode <mode>', t('cli.opt.train.earlyStoppingMode'), parseEarlyStoppingMode)
    .option('--restore-best-weights', t('cli.opt.train.restoreBestWeights'))
    .option('--reduce-lr-on-plateau <monitor[:factor[:patience]]>', t('cli.opt.train.reduceLrOnPlateau'), parseReduceLrOnPlateau)
    .option('--lr-schedule <schedule>', t('cli.opt.train.lrSchedule'), parseLrSchedule)
    .option('--warmup-steps <n>', t('cli.opt.train.warmupSteps'), parseWarmupSteps)
    .option('--keep-best <monitor>', t('cli.opt.train.keepBest'), parseKeepBest)
    .option('--csv <file>', t('cli.opt.train.csv'))
    .option('--label <column>', t('cli.opt.train.label'))
    .option('--ignore <column>', t('cli.opt.train.ignore'), collectColumns)
    .option('--categorical <column>', t('cli.opt.train.categorical'), collectColumns)
    .option('--numeric <column>', t('cli.opt.train.numeric'), collectColumns)
    .option('--normalize', t('cli.opt.train.normalize'))
    .option('--no-normalize', t('cli.opt.train.noNormalize'))
    .option('--missing <column=strategy>', t('cli.opt.train.missing'), collectMissing)
    .option('--missing-indicator <column>', t('cli.opt.train.missingIndicator'), collectColumns)
    .option('--index-encoding <column>', t('cli.opt.train.indexEncoding'), collectColumns)
    .addHelpText('after', '\n' + t('cli.notes.train') + '\n' + EXIT_CODES)
    .hook('preAction', (command) => {
      const flags = command.opts<TrainFlags>();
      const csvOnly = (['label', 'ignore', 'categorical', 'numeric', 'normalize', 'delimiter', 'header', 'encoding', 'decimal', 'thousands', 'sheet', 'missing', 'missingIndicator', 'indexEncoding'] as const).filter((k) => flags[k] !== undefined);
      if (flags.csv === undefined && csvOnly.length > 0) {
        command.error(`neurite: ${t('cli.usage.csvOnly', { flag: dashed(csvOnly[0]) })}`, { exitCode: EXIT.usage, code: 'neurite.usage' });
      }
      // Trial 7 finding 2: flags that refine another flag are refused without it, as --label without --csv.
      const refines = [
        ['earlyStoppingMode', 'earlyStopping'],
        ['restoreBestWeights', 'earlyStopping'],
        ['warmupSteps', 'lrSchedule'],
      ] as const;
      for (const [flag, needs] of refines) {
        if (flags[flag] !== undefined && flags[needs] === undefined) {
          command.error(`neurite: ${t('cli.usage.refines', { flag: dashed(flag), needs: dashed(needs) })}`, { exitCode: EXIT.usage, code: 'neurite.usage' });
        }
      }
      if (flags.csv !== undefined && flags.label === undefined) {
        command.error(`neurite: ${t('cli.usage.csvNeedsLabel')}`, {
          exitCode: EXIT.usage,
          code: 'neurite.usage',
        });
      }
    })
    .action(async (file: string, flags: TrainFlags) => {
      const csv: RunOptions['csv'] =
        flags.csv === undefined
          ? undefined
          : {
              file: flags.csv,
              choices: {
                ...overridesOf(flags),
                label: flags.label!,
                ignore: flags.ignore ?? [],
                categorical: flags.categorical ?? [],
                numeric: flags.numeric ?? [],
                ...(flags.normalize !== undefined ? { normalize: flags.normalize } : {}),
                missing: flags.missing ?? [],
                missingIndicator: flags.missingIndicator ?? [],
                indexEncoding: flags.indexEncoding ?? [],
              } satisfies CsvTrainChoices,
            };
      done(runCommand({ command: 'train', file, epochs: flags.epochs, json: flags.json ?? false, inputs: [], retrain: false, csv, save: flags.save, tensorboard: flags.tensorboard, earlyStopping: earlyStoppingOption(flags), callbacks: callbackOptions(flags) }, io));
    });
  addDataOptions(program.commands.find((c) => c.name() === 'train')!, t);

  program
    .command('predict')
    .description(t('cli.cmd.predict'))
    .argument('<project>', t('cli.arg.project'))
    .option('--input <values>', t('cli.opt.predict.input'), collectInputRow)
    .option('--image <file>', t('cli.opt.predict.image'), (value: string, previous: string[] = []) => [...previous, value])
    .option('--retrain', t('cli.opt.predict.retrain'))
    .option('--epochs <n>', t('cli.opt.predict.epochs'), parseEpochs)
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', '\n' + t('cli.notes.predict') + '\n' + EXIT_CODES)
    .action(async (file: string, flags: PredictFlags, command: Command) => {
      if (!flags.input && !flags.image) command.error(`neurite: ${t('cli.usage.predictNeedsInput')}`, { exitCode: EXIT.usage });
      done(runCommand({ command: 'predict', file, epochs: flags.epochs, json: flags.json ?? false, inputs: flags.input ?? [], images: flags.image ?? [], retrain: flags.retrain ?? false }, io));
    });

  program
    .command('summary')
    .description(t('cli.cmd.summary'))
    .argument('<project>', t('cli.arg.project'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', EXIT_CODES)
    .action(async (file: string, flags: { json?: boolean }) => {
      done(runCommand({ command: 'summary', file, json: flags.json ?? false, inputs: [], retrain: false }, io));
    });

  program
    .command('sweep')
    .description(t('cli.cmd.sweep'))
    .argument('<project>', t('cli.arg.project'))
    .option('--grid <key=values>', t('cli.opt.sweep.grid'), collectSweepParam)
    .option('--random <key=values>', t('cli.opt.sweep.random'), collectSweepParam)
    .option('--budget <n>', t('cli.opt.sweep.budget'), parseBudget)
    .option('--seed <s>', t('cli.opt.sweep.seed'), parseSeed)
    .option('--metric <monitor[:min|max]>', t('cli.opt.sweep.metric'), parseSweepMetric)
    .option('--epochs <n>', t('cli.opt.sweep.epochs'), parseEpochs)
    .option('--save', t('cli.opt.sweep.save'))
    .option('--out <file>', t('cli.opt.sweep.out'))
    .option('--resume <sweep-id>', t('cli.opt.sweep.resume'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', '\n' + t('cli.notes.sweep') + '\n' + EXIT_CODES + '\n130 stopped by Ctrl+C (what ran is saved with --save/--out).')
    .action(async (file: string, flags: SweepFlags, command: Command) => {
      if (flags.grid && flags.random) command.error(`neurite: ${t('cli.usage.gridOrRandom')}`, { exitCode: EXIT.usage });
      if (flags.save && flags.out) command.error(`neurite: ${t('cli.usage.saveOrOut')}`, { exitCode: EXIT.usage });
      const method = flags.grid ? 'grid' : flags.random ? 'random' : undefined;
      done(
        runSweep(
          { file, method, params: flags.grid ?? flags.random ?? [], budget: flags.budget, seed: flags.seed, metric: flags.metric, epochs: flags.epochs, save: flags.save ?? false, out: flags.out, resume: flags.resume, json: flags.json ?? false },
          io,
        ),
      );
    });

  const inspect = program
    .command('inspect')
    .description(t('cli.cmd.inspect'))
    .argument('<data>', t('cli.arg.data'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', EXIT_CODES)
    .action(async (file: string, flags: DataFlags) => {
      done(runInspect(file, flags, io));
    });
  addDataOptions(inspect, t);
  // issue 15 runs core: neurite runs
  addRunsCommand(program, io, done, EXIT_CODES);
  addModelCommands(program, io, done, EXIT_CODES);
  // issue 15: learning-rate finder
  addLrFindCommand(program, io, done, EXIT_CODES);

  // Issue 18: a training package's run back into the project.
  program
    .command('import-run')
    .description(t('cli.cmd.import-run'))
    .argument('<project>', t('cli.arg.importRun.project'))
    .argument('<result>', t('cli.arg.importRun.result'))
    .option('--save <file>', t('cli.opt.importRun.save'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', '\n' + t('cli.notes.import-run') + '\n' + EXIT_CODES)
    .action(async (file: string, result: string, flags: { save?: string; json?: boolean }) => {
      done(runImportRun(file, result, flags, io));
    });
  return program;
}

async function runInspect(file: string, flags: DataFlags, io: CliIo): Promise<number> {
  const overrides = overridesOf(flags);
  const refuse = (code: string, message: string) => {
    if (flags.json) io.out(JSON.stringify({ ok: false, error: code, message }));
    else io.err(`neurite: ${message}`);
    return EXIT.usage;
  };
  // Trial 5 F14: a project or an image folder is told apart before reading it as a table.
  const target = inspectTarget(file);
  if (target === 'project') return refuse('project-file', projectFileMessage(file, flags.json ? undefined : cliT(io)));
  if (target === 'image-folder' || target === 'image-zip') {
    const given = Object.keys(overrides).filter((k) => overrides[k as keyof DataOverrides] !== undefined);
    if (given.length > 0) return refuse('not-for-images', `--${given[0]} does not apply to an image folder: it reads data files. Leave it out.`);
    try {
      const report = await inspectImagesReport(file, target === 'image-zip' ? 'zip' : 'folder');
      if (flags.json) io.out(JSON.stringify(report));
      else for (const line of formatImageInspect(report, cliT(io))) io.out(line);
      return EXIT.ok;
    } catch (error) {
      if (!(error instanceof ImageFolderError)) throw error;
      return refuse(error.code, error.message);
    }
  }
  try {
    const preview = await previewDataFile(file, overrides, INSPECT_TEXT_ROWS);
    const report = inspectReport(file, preview, overrides);
    if (flags.json) io.out(JSON.stringify(report));
    else for (const line of formatInspect(report, cliT(io))) io.out(line);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error;
    if (flags.json) io.out(JSON.stringify({ ok: false, error: error.code, message: error.message, ...error.where }));
    else io.err(`neurite: ${dataFileText(error, cliT(io))}`);
    return EXIT.usage;
  }
}

/** Runs the command line on `argv` (without node and the script) and returns the exit code. */
export async function main(argv: string[], io: CliIo = consoleIo): Promise<number> {
  let run: Promise<number> | undefined;
  // Issue 16: the language is known before commander parses, so the help it prints is in it too.
  const language = io.language ?? cliLanguage(argv, process.env);
  io = { ...io, language, t: translator(language) };
  const program = buildProgram(io, (code) => (run = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
  return run ? await run : EXIT.usage;
}

/** The --early-stopping flags as the project's `earlyStopping` setting (Keras defaults for what is not given), or undefined without --early-stopping. */
function earlyStoppingOption(flags: TrainFlags): RunOptions['earlyStopping'] {
  if (!flags.earlyStopping) return undefined;
  return { ...flags.earlyStopping, mode: flags.earlyStoppingMode ?? 'auto', restoreBestWeights: flags.restoreBestWeights ?? false };
}

/** `--kebab-case` of a flag's camelCase name. */
function dashed(flag: string): string {
  return `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** The issue 15 callback flags as the project's training settings (those given replace the project's). */
function callbackOptions(flags: TrainFlags): RunOptions['callbacks'] {
  return {
    ...(flags.reduceLrOnPlateau ? { reduceLrOnPlateau: flags.reduceLrOnPlateau } : {}),
    ...(flags.lrSchedule ? { lrSchedule: { ...flags.lrSchedule, warmupSteps: flags.warmupSteps ?? 0 } } : {}),
    ...(flags.keepBest ? { keepBest: flags.keepBest } : {}),
  };
}
