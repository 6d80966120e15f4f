package continuum.scheduling;

/**
 * Why an appointment is moved, as far as the patient's message is concerned: a routine
 * move quotes the new and the old time; a move because of a technical outage also says
 * that the hospital's systems were down, so the patient knows it was not their doing.
 */
public enum RescheduleCause {

	ROUTINE,

	TECHNICAL_OUTAGE

}
