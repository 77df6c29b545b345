import { capacityCommand } from './capacity.js';
import { enumerateCommand } from './enumerate.js';
import { compareCommand } from './compare.js';
import { mergeCommand } from './merge.js';
import { plotCommand } from './plot.js';
import { localEntropyCommand } from './local-entropy.js';
import { phaseDiagramCommand } from './phase-diagram.js';
import { simulateCommand } from './simulate.js';
import { solveCommand } from './solve.js';
import { sweepCommand } from './sweep.js';
import { transitionCommand } from './transition.js';

/** Every `gardner <command>`; a new command is one module here. */
export const commands = [solveCommand, sweepCommand, capacityCommand, transitionCommand, localEntropyCommand, phaseDiagramCommand, simulateCommand, enumerateCommand, plotCommand, compareCommand, mergeCommand];
