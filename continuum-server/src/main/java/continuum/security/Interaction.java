package continuum.security;

/** The SMART App Launch 2 interaction letters ({@code cruds}). */
public enum Interaction {

	CREATE('c'), READ('r'), UPDATE('u'), DELETE('d'), SEARCH('s');

	private final char letter;

	Interaction(char letter) {
		this.letter = letter;
	}

	public char letter() {
		return letter;
	}

}
