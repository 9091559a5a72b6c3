import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { codeFromScan } from "~/codes/code";

// The Shape Detection API is not in TypeScript's DOM library yet.
type DetectedBarcode = { rawValue: string };
type BarcodeDetectorLike = { detect(source: HTMLVideoElement): Promise<DetectedBarcode[]> };
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

/**
 * Fills the code field from the slip's QR code with the phone's camera. Only where the browser
 * has BarcodeDetector (no library is downloaded); everywhere else the code is typed.
 */
export function QrScanButton({ inputId }: { inputId: string }) {
  const { t } = useTranslation("codes");
  const [supported, setSupported] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => setSupported("BarcodeDetector" in window && !!navigator.mediaDevices?.getUserMedia), []);

  useEffect(() => {
    if (!scanning) return;
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let stopped = false;
    const stop = () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
    const Detector = (window as unknown as { BarcodeDetector: BarcodeDetectorConstructor }).BarcodeDetector;
    const detector = new Detector({ formats: ["qr_code"] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return stop();
        video.current.srcObject = s;
        await video.current.play();
        const look = async () => {
          if (stopped || !video.current) return;
          const found = (await detector.detect(video.current).catch(() => [])).map((b) => codeFromScan(b.rawValue)).find(Boolean);
          if (found) {
            const input = document.getElementById(inputId) as HTMLInputElement | null;
            if (input) {
              input.value = found;
              input.focus();
            }
            setScanning(false);
            return;
          }
          timer = window.setTimeout(look, 250);
        };
        void look();
      })
      .catch(() => {
        setProblem(t("activate.cameraProblem"));
        setScanning(false);
      });
    return stop;
  }, [scanning, inputId, t]);

  if (!supported) return null;
  return (
    <div className="qr-scan">
      <button type="button" onClick={() => (setProblem(null), setScanning(!scanning))} aria-pressed={scanning}>
        {scanning ? t("activate.stopScan") : t("activate.scan")}
      </button>
      {scanning ? <video ref={video} className="qr-video" muted playsInline aria-label={t("activate.scanning")} /> : null}
      {problem ? <p className="field-error">{problem}</p> : null}
    </div>
  );
}
