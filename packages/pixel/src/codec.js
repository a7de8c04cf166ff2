// One interface for every frame codec, keyed by Transfer Syntax UID (PS3.5 8.2, Annex A.4).
// Codecs are registered by the application (CLI, server, viewer); this package never imports them.
/** Codecs by Transfer Syntax UID. */
export class CodecRegistry {
    #codecs = new Map();
    register(codec) {
        for (const uid of codec.transferSyntaxes)
            this.#codecs.set(uid, codec);
        return this;
    }
    get(transferSyntax) {
        return this.#codecs.get(transferSyntax);
    }
    has(transferSyntax) {
        return this.#codecs.has(transferSyntax);
    }
    list() {
        return [...this.#codecs.keys()];
    }
}
/** The process-wide registry the app fills (e.g. `registerAllCodecs(codecs)` from @dcmkit/codecs). */
export const codecs = new CodecRegistry();
