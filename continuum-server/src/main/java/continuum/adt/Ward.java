package continuum.adt;

/** A nursing unit of one medical service, such as {@code C3A} "Cardiologie 3A". */
public record Ward(long id, String code, String name, Specialty specialty) {
}
