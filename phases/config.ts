// `kube-anywhere config`: the wizard (config-schema/wizard) writing the config file.
import { EXIT_INVALID, UserError } from '../lib/errors.js';
import { runWizard, type WizardOptions } from '../config-schema/wizard/index.js';

export async function configCommand(opts: WizardOptions): Promise<number> {
  try {
    return await runWizard(opts);
  } catch (e) {
    // Ctrl-C in a prompt: leave the file as it was.
    if ((e as Error)?.name === 'ExitPromptError') throw new UserError('config: aborted; nothing written', 130);
    if (e instanceof UserError) throw e;
    throw e;
  }
}
void EXIT_INVALID;
