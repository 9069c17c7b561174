package dev.latchkey.core.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jose.jwk.ECKey;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * ECDSA signers and verifiers backed by Bouncy Castle, for the hot path of login and refresh.
 * JDK 17's P-256 code is several times slower. The keys are turned into Bouncy Castle key objects
 * once, so that its named-curve tables (and each public key's precomputation) are reused on every
 * call instead of being rebuilt from JDK key parameters. The provider is set per signer and
 * verifier; it is not installed globally.
 */
final class FastEcdsa {

    private FastEcdsa() {
    }

    static JWSSigner signer(ECKey key) throws JOSEException {
        try {
            PrivateKey bcKey = keyFactory().generatePrivate(new PKCS8EncodedKeySpec(key.toECPrivateKey().getEncoded()));
            ECDSASigner signer = new ECDSASigner(bcKey, key.getCurve());
            signer.getJCAContext().setProvider(provider());
            return signer;
        } catch (GeneralSecurityException e) {
            throw new JOSEException("cannot load the EC private key", e);
        }
    }

    static JWSVerifier verifier(ECKey key) throws JOSEException {
        try {
            ECPublicKey bcKey = (ECPublicKey) keyFactory()
                    .generatePublic(new X509EncodedKeySpec(key.toECPublicKey().getEncoded()));
            ECDSAVerifier verifier = new ECDSAVerifier(bcKey);
            verifier.getJCAContext().setProvider(provider());
            return verifier;
        } catch (GeneralSecurityException e) {
            throw new JOSEException("cannot load the EC public key", e);
        }
    }

    private static KeyFactory keyFactory() throws GeneralSecurityException {
        return KeyFactory.getInstance("EC", provider());
    }

    private static Provider provider() {
        return BouncyCastleProviderSingleton.getInstance();
    }
}
