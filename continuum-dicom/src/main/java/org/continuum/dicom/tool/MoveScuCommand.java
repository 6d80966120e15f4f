package org.continuum.dicom.tool;

/** {@code movescu}: placeholder until C-MOVE SCU lands; reports that it is not available. */
final class MoveScuCommand implements Command {

    @Override
    public String name() {
        return "movescu";
    }

    @Override
    public String help() {
        return "usage: movescu (not yet implemented)";
    }

    @Override
    public int run(String[] args) throws UsageException {
        throw new UsageException("movescu is not implemented yet");
    }
}
