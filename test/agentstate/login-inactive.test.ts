import { AgentInactiveError } from '../../src/agentstate/login-and-verify';
import { jane, setup } from './tenant';

describe('logging in a deactivated agent', () => {
  it('when the account is deactivated, then the login is refused with the reason before anything is posted', async () => {
    const { service, cxone } = setup();
    const deactivated = { ...jane, isActive: false };
    const refused = service.loginAndVerify(deactivated, { skill: 'Sales' });
    await expect(refused).rejects.toBeInstanceOf(AgentInactiveError);
    await expect(refused).rejects.toThrow(/deactivated in CXone: reactivate the account in CXone/);
    expect(cxone.posted).toEqual([]);
  });
});
