/**
 * Channels: the energetic term ψ_out(q, R) of the RS free entropy (see prior.ts for the full form).
 * A channel knows how labels are produced (random labels in storage, a teacher in teacher-student) and
 * which outputs the student accepts (e.g. stabilities ≥ κ). Its gradient gives the conjugates:
 *     q̂ = −2α ∂ψ_out/∂q,   R̂ = α ∂ψ_out/∂R.
 */
export interface ChannelTerms {
  psi: number;
  /** ∂ψ_out/∂q */
  dq: number;
  /** ∂ψ_out/∂R (0 in storage) */
  dR: number;
}

export interface Channel {
  readonly name: string;
  /** The integration rule behind the channel's averages. */
  readonly quadrature: string;
  /** ψ_out and its gradient; R = undefined means storage (labels independent of any teacher). */
  terms(q: number, R?: number): ChannelTerms;
  /** The gradient alone (the saddle-point map needs no ψ_out): optional, `terms` is used otherwise. */
  gradient?(q: number, R?: number): { dq: number; dR: number };
  /** E[(∂²_ω ln Z_out)²]: the replicon's energetic factor (de Almeida-Thouless). */
  replicon(q: number, R?: number): number;
  /** Parameters that identify the channel in output rows (e.g. { kappa: 0 }). */
  readonly params: Readonly<Record<string, number | string>>;
}
