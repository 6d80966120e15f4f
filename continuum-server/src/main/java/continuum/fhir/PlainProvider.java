package continuum.fhir;

/**
 * A HAPI plain provider contributed by a module: a Spring bean whose annotated methods
 * serve operations that belong to no one resource provider (at the server's base, or on a
 * type another module serves, such as {@code Patient/$export}). The FHIR server registers
 * every such bean beside the resource providers.
 */
public interface PlainProvider {

}
