import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/auth/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return redirect((await getUser(request)) ? "/admin" : "/login");
}
