/** Axis titles for the toolkit's column names: the physics symbol, what it is, and its unit. */
const LABELS: Record<string, string> = {
  alpha: 'α = P/N (patterns per weight)',
  alpha_c: 'α_c (capacity, patterns per weight)',
  alpha_rs_end: 'α at q → 1 (RS branch end)',
  kappa: 'κ (margin)',
  kappa_ref: 'κ̃ (reference margin)',
  q: 'q (overlap between solutions)',
  qhat: 'q̂ (conjugate of q)',
  R: 'R (teacher-student overlap)',
  Rhat: 'R̂ (conjugate of R)',
  entropy: 's (entropy per weight, nats)',
  free_entropy: 'φ (free entropy per weight, nats)',
  eps_gibbs: 'ε_Gibbs (generalization error)',
  eps_bayes: 'ε_Bayes (generalization error)',
  eps: 'ε (generalization error)',
  replicon: 'λ_replicon',
  d: 'd (distance, fraction of weights)',
  local_entropy: 'S(d) (local entropy per weight, nats)',
  binary_entropy: 'H₂(d) (nats)',
  dS_dd: 'dS/dd',
  residual: 'residual',
  iterations: 'iterations',
  train_error: 'training error (fraction)',
  test_error: 'test error (fraction)',
  gamma: 'γ = N/D (features per input dimension)',
  alpha_d: 'α_D = P/D (examples per input dimension)',
  k: 'K (hidden units)',
};

/** The axis title of a column: its symbol and unit when known, else the column name. */
export function axisTitle(column: string): string {
  return LABELS[column] ?? column;
}

/** The symbol alone (the axis title without its explanation). */
export function symbolOf(column: string): string {
  return axisTitle(column).replace(/\s*\(.*\)\s*$/, '');
}
