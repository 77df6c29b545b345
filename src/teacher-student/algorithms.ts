/** The lab's training algorithms by CLI name, with the student each one trains and its time unit. */
import { cpr } from './cpr.js';
import type { Dataset } from './data.js';
import { fbp } from './fbp.js';
import { gibbs } from './gibbs.js';
import { hinge } from './hinge.js';
import { leastAction } from './least-action.js';
import { sa } from './sa.js';
import { sbpi } from './sbpi.js';
import type { TrainOptions, TrainResult } from './train.js';

export type Model = 'perceptron' | 'committee';
export type Prior = 'binary' | 'spherical';
export type AlgorithmName = 'cpr' | 'sbpi' | 'sa' | 'fbp' | 'hinge' | 'gibbs' | 'least-action';

export interface AlgorithmInfo {
  name: AlgorithmName;
  model: Model;
  priors: readonly Prior[];
  /** What `sweeps` counts. */
  unit: string;
  /** Default budget in that unit. */
  maxSweeps: number;
  /** Margins other than κ = 0 supported. */
  margin: boolean;
  train: (data: Dataset, opts: TrainOptions, prior: Prior) => TrainResult;
}

export const algorithms: Record<AlgorithmName, AlgorithmInfo> = {
  cpr: { name: 'cpr', model: 'perceptron', priors: ['binary'], unit: 'sweeps', maxSweeps: 5000, margin: true, train: (d, o) => cpr(d, o) },
  sbpi: { name: 'sbpi', model: 'perceptron', priors: ['binary'], unit: 'sweeps', maxSweeps: 5000, margin: true, train: (d, o) => sbpi(d, o) },
  sa: { name: 'sa', model: 'perceptron', priors: ['binary'], unit: 'MC sweeps', maxSweeps: 2000, margin: true, train: (d, o) => sa(d, o) },
  fbp: { name: 'fbp', model: 'perceptron', priors: ['binary'], unit: 'BP iterations', maxSweeps: 400, margin: true, train: (d, o) => fbp(d, o) },
  hinge: { name: 'hinge', model: 'perceptron', priors: ['spherical'], unit: 'sweeps', maxSweeps: 5000, margin: true, train: (d, o) => hinge(d, o) },
  gibbs: { name: 'gibbs', model: 'perceptron', priors: ['spherical'], unit: 'N hit-and-run steps (burn-in)', maxSweeps: 1000, margin: false, train: (d, o) => gibbs(d, o) },
  'least-action': {
    name: 'least-action',
    model: 'committee',
    priors: ['binary', 'spherical'],
    unit: 'sweeps',
    maxSweeps: 5000,
    margin: false,
    train: (d, o, prior) => leastAction(d, { ...o, prior }),
  },
};

export const algorithmNames = Object.keys(algorithms) as AlgorithmName[];
