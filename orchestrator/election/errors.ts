import { TallyError } from '../../shared/errors.ts';

/** Registering the election (Postgres or Kafka side) failed; re-running the same command resumes it. */
export class RegistrationError extends TallyError {}

/** The vote simulator could not consume voters or produce votes. */
export class VoteSimulationError extends TallyError {}

/** The optional randomuser.me source could not be reached or returned something unexpected. */
export class RandomUserError extends TallyError {}
